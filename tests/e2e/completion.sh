#!/bin/sh
# completion.sh - the bash and zsh completions are generated from the help
# text (tools/gen_completion.sh, `make completion`): regenerating them
# changes nothing, and every option that `capex CMD --help` prints completes
# in bash (the function called as bash calls it, with COMP_WORDS) and in zsh
# (the function run by zsh with its completion builtins stubbed, so that
# what it hands to _arguments is seen).
. tests/e2e/lib.sh

sh tools/gen_completion.sh "$CAPEX" "$T/gen"
cmp -s "$T/gen/capex.bash" completion/capex.bash && ok "completion/capex.bash is as generated" \
    || bad "completion/capex.bash is as generated (run make completion)"
cmp -s "$T/gen/_capex" completion/_capex && ok "completion/_capex is as generated" \
    || bad "completion/_capex is as generated (run make completion)"

# The commands of `capex --help`, and each one's options as --help prints
# them (read here independently of the generator: every -x and --word that
# starts an indented line).
cmds=$("$CAPEX" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$cmds" ] && ok "capex --help lists commands ($(echo $cmds))" || bad "capex --help lists commands"
help_opts() { "$CAPEX" "$1" --help | grep -E '^ +(-[A-Za-z], )?--[a-z]' | grep -oE '^ +(-[A-Za-z], )?--[a-z][a-z-]*' | tr -d ',' ; }

# --- bash ----------------------------------------------------------------
# bash_complete WORD... : COMPREPLY, one a line, for the command line
# "capex WORD..." with the cursor on the last word.
bash_complete() {
    bash -c 'shopt -s extglob; source completion/capex.bash
             COMP_WORDS=(capex "$@"); COMP_CWORD=$#; _capex
             printf "%s\n" "${COMPREPLY[@]}"' bash "$@"
}
bash_complete '' >"$T/out"
for c in $cmds; do
    grep -qx "$c" "$T/out" && ok "bash: capex <TAB> offers $c" || bad "bash: capex <TAB> offers $c"
done
bash_complete ru >"$T/out"
[ "$(cat "$T/out")" = run ] && ok "bash: capex ru<TAB> is run" || bad "bash: capex ru<TAB> is run"
for c in $cmds; do
    for o in $(help_opts "$c"); do
        bash_complete "$c" "$o" >"$T/out"
        grep -qx -- "$o" "$T/out" && ok "bash: capex $c $o" || bad "bash: capex $c $o does not complete"
    done
done
bash_complete mc --raw- >"$T/out"
[ "$(sort "$T/out" | tr '\n' ' ')" = "--raw-only --raw-series " ] && ok "bash: capex mc --raw-<TAB>: --raw-only --raw-series" \
    || bad "bash: capex mc --raw-<TAB>: --raw-only --raw-series ($(tr '\n' ' ' <"$T/out"))"
bash_complete run inputs/ai-lab-burn.yaml -s '' >"$T/out"
[ "$(sort "$T/out" | tr '\n' ' ')" = "all base bear bull " ] && ok "bash: -s offers base, all and the model's scenarios" \
    || bad "bash: -s offers base, all and the model's scenarios ($(tr '\n' ' ' <"$T/out"))"
bash_complete run -f '' >"$T/out"
[ "$(tr '\n' ' ' <"$T/out")" = "table csv json " ] && ok "bash: -f offers table csv json" || bad "bash: -f offers table csv json"

# --- zsh -----------------------------------------------------------------
if ! command -v zsh >/dev/null 2>&1; then
    bad "zsh is installed (make deps)"
else
    zsh -n completion/_capex && ok "zsh: _capex parses" || bad "zsh: _capex parses"
    # zsh_specs CMD : what _capex hands to _arguments (or _describe) for
    # "capex CMD <TAB>", one spec a line.
    zsh_specs() {
        zsh -f -c '_arguments() { print -rl -- "$@" }
                   _describe() { print -r -- "describe $1"; print -rl -- "${(@P)2}" }
                   _files() { : }
                   source completion/_capex >/dev/null 2>&1
                   words=(capex "$1" ""); CURRENT=$#words; _capex' zsh "$1"
    }
    zsh -f -c '_describe() { print -rl -- "${(@P)2}" }; source completion/_capex >/dev/null 2>&1
               words=(capex ""); CURRENT=2; _capex' >"$T/out" 2>&1
    for c in $cmds; do
        grep -q "^$c:" "$T/out" && ok "zsh: capex <TAB> offers $c" || bad "zsh: capex <TAB> offers $c"
    done
    for c in $cmds; do
        zsh_specs "$c" >"$T/out" 2>&1
        for o in $(help_opts "$c"); do
            # "(-o --output)--output[workbook path]:workbook:..." or "--pdf[...]"
            grep -q -- "^\(([^)]*)\)\{0,1\}$o\(\[\|$\)" "$T/out" && ok "zsh: capex $c $o" \
                || bad "zsh: capex $c $o does not complete"
        done
    done
    zsh_specs mc >"$T/out"
    grep -qF -- '--raw[also write the raw paths\: one row per path, one]:workbook:_files -g "*.xlsx"' "$T/out" \
        && ok "zsh: mc --raw takes an .xlsx file" || bad "zsh: mc --raw takes an .xlsx file"
fi

finish completion
