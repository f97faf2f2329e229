# bash completion for capex - installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/capex

_capex()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    local commands="run check mc batch index init explain diff fmt help version"

    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case $prev in
        -f|--format) COMPREPLY=($(compgen -W "table csv json" -- "$cur")); return ;;
        -t|--template) COMPREPLY=($(compgen -W "burn capex market" -- "$cur")); return ;;
        -o|--output)
            if [ "$cmd" = batch ]; then
                COMPREPLY=($(compgen -d -- "$cur"))
            else
                COMPREPLY=($(compgen -f -X '!*.@(xlsx|yaml)' -- "$cur") $(compgen -d -- "$cur"))
            fi
            return ;;
        --manifest) COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -s|--scenario)
            # the scenarios of the model named on the line, plus base and all
            local m w names=""
            for w in "${COMP_WORDS[@]}"; do
                case $w in *.yaml|*.yml) m=$w ;; esac
            done
            if [ -n "$m" ] && [ -r "$m" ]; then
                names=$(sed -n '/^scenarios:/,/^[^ #]/s/^  \([A-Za-z0-9][A-Za-z0-9_.-]*\):.*/\1/p' "$m")
            fi
            COMPREPLY=($(compgen -W "base all $names" -- "$cur"))
            return ;;
        -j|--jobs|--paths|--seed|--shard|--shards|--percentiles) return ;;
    esac
    local opts
    case $cmd in
        run) opts="--output --scenario --format --no-workbook --quiet --help" ;;
        check) opts="--scenario --quiet --help" ;;
        mc) opts="--paths --seed --jobs --output --scenario --format --percentiles --no-workbook --quiet --help" ;;
        batch) opts="--output --jobs --scenario --manifest --force --shard --shards --no-index --pdf --wait --allow-empty --min-runs --keep-failed --prune --recursive --only-failed --format --quiet --help" ;;
        index) opts="--partial --format --quiet --help" ;;
        init) opts="--template --output --force --quiet --help" ;;
        explain) opts="--scenario --help" ;;
        diff) opts="--format --help" ;;
        fmt) opts="--write --force --check --help" ;;
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [ "$cmd" = index ] || [ "$cmd" = batch ]; then
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
    elif [ "$cmd" != init ]; then
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -F _capex capex
