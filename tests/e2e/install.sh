#!/bin/sh
# install.sh - `make install` into a staging folder: the binary, the man
# page (read with man -l, its sections and every command present), bash and
# zsh completion (bash's tried), and `make uninstall` removing them all.
. tests/e2e/lib.sh
MAKE=${MAKE:-make}

$MAKE -s install DESTDIR="$T" PREFIX=/usr >"$T/log" 2>&1
check "make install exits 0" [ $? -eq 0 ]
check "the binary" [ -x "$T/usr/bin/capex" ]
check "it runs" sh -c "'$T/usr/bin/capex' --version | grep -q '^capex [0-9]'"
check "the man page" [ -f "$T/usr/share/man/man1/capex.1" ]
check "bash completion" [ -f "$T/usr/share/bash-completion/completions/capex" ]
check "zsh completion" [ -f "$T/usr/share/zsh/site-functions/_capex" ]
if command -v man >/dev/null 2>&1; then
    MANWIDTH=200 man -l "$T/usr/share/man/man1/capex.1" >"$T/man" 2>"$T/man.err"
    for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
        check "man page section $section" grep -q "^$section" "$T/man"
    done
    for cmd in run check mc batch index init explain diff fmt help version; do
        check "man page documents '$cmd'" grep -Eq "^ +(capex )?$cmd( |$)" "$T/man"
    done
    check "man renders without warnings" [ ! -s "$T/man.err" ]
    # Every option that `capex help COMMAND` lists is in the man page.
    missing=""
    for cmd in run check mc batch index init explain diff fmt; do
        for opt in $("$T/usr/bin/capex" help "$cmd" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
            grep -q -- "$opt" "$T/man" || missing="$missing $cmd:$opt"
        done
    done
    check "the man page has every option of every command${missing:+ (missing:$missing)}" [ -z "$missing" ]
else
    check "man is installed (make deps installs man-db)" false
fi
if command -v bash >/dev/null 2>&1; then
    got=$(bash -c '. "$1"; COMP_WORDS=(capex ba); COMP_CWORD=1; _capex; echo "${COMPREPLY[*]}"' _ \
        "$T/usr/share/bash-completion/completions/capex")
    check "bash completes 'capex ba' to batch" [ "$got" = batch ]
    got=$(bash -c '. "$1"; COMP_WORDS=(capex run inputs/ai-lab-burn.yaml -s ""); COMP_CWORD=4; _capex; echo "${COMPREPLY[*]}"' _ \
        "$T/usr/share/bash-completion/completions/capex")
    check "bash completes a model's scenarios ($got)" [ "$got" = "base all bear bull" ]
    got=$(bash -c '. "$1"; COMP_WORDS=(capex init x -t ""); COMP_CWORD=4; _capex; echo "${COMPREPLY[*]}"' _ \
        "$T/usr/share/bash-completion/completions/capex")
    check "bash completes templates" [ "$got" = "burn capex market" ]
fi
$MAKE -s uninstall DESTDIR="$T" PREFIX=/usr >/dev/null 2>&1
check "make uninstall removes every file" [ -z "$(find "$T/usr" -type f)" ]
finish install
