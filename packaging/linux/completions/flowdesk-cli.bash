# bash completion for flowdesk-cli (installed to /usr/share/bash-completion/completions).
# Flow names come from `flowdesk-cli flows --output csv` for the profile/region on the line,
# cached for 5 minutes in ${XDG_CACHE_HOME:-~/.cache}/flowdesk-cli/ so that Tab stays fast.

_flowdesk_cli_flows()
{
    local connection=() i
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case "${COMP_WORDS[i]}" in
            --profile|--account|--region|--endpoint-url)
                connection+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}") ;;
        esac
    done
    local cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/flowdesk-cli"
    local key
    key="$(printf '%s\n' "${connection[@]}" | md5sum | cut -c1-16)"
    local cache="$cache_dir/flows-$key"
    if [[ ! -s "$cache" || -n "$(find "$cache" -mmin +5 2>/dev/null)" ]]; then
        mkdir -p "$cache_dir" 2>/dev/null || return
        flowdesk-cli "${connection[@]}" flows --output csv 2>/dev/null \
            | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "flow") c = i; next }
                       c { print $c }' > "$cache.tmp" && mv "$cache.tmp" "$cache"
    fi
    cat "$cache" 2>/dev/null
}

_flowdesk_cli()
{
    local cur prev
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    local commands="flows runs active cancel watch history"
    local global="--profile --account --region --endpoint-url --output --help --version"

    case "$prev" in
        --output) COMPREPLY=($(compgen -W "table json csv" -- "$cur")); return ;;
        --profile)
            COMPREPLY=($(compgen -W "$(sed -n 's/^\[profile \(.*\)\]$/\1/p; s/^\[\(default\)\]$/\1/p' \
                "${AWS_CONFIG_FILE:-$HOME/.aws/config}" 2>/dev/null)" -- "$cur")); return ;;
        --region|--account|--endpoint-url|--filter|--since|--older-than|--limit|--flow) return ;;
    esac

    local command="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --profile|--account|--region|--endpoint-url|--output) ((i++)) ;;
            -*) ;;
            *) command="${COMP_WORDS[i]}"; break ;;
        esac
    done

    if [[ -z "$command" ]]; then
        COMPREPLY=($(compgen -W "$commands $global" -- "$cur"))
        return
    fi
    case "$command" in
        flows) COMPREPLY=($(compgen -W "--filter" -- "$cur")) ;;
        runs)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--active --since --older-than --limit" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_flowdesk_cli_flows)" -- "$cur"))
            fi ;;
        active) COMPREPLY=($(compgen -W "--older-than" -- "$cur")) ;;
        cancel|watch)
            if [[ "$cur" == -* ]]; then
                [[ "$command" == cancel ]] \
                    && COMPREPLY=($(compgen -W "--all --all-flows --older-than --deactivate --yes --dry-run --no-wait" -- "$cur"))
            elif [[ "$prev" == "$command" ]]; then
                COMPREPLY=($(compgen -W "$(_flowdesk_cli_flows)" -- "$cur"))
            fi ;;
        history)
            if [[ "$prev" == --flow ]]; then
                COMPREPLY=($(compgen -W "$(_flowdesk_cli_flows)" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "--flow --since" -- "$cur"))
            fi ;;
    esac
}

complete -F _flowdesk_cli flowdesk-cli
