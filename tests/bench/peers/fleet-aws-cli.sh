#!/usr/bin/env bash
# The AWS CLI peer of the fleet scan (issue #14): every active run of an IAM Identity Center
# fleet, as an operator scripts it — a sequential loop, one `aws` process per request, jq to read
# the answers:
#
#   aws sso list-accounts                        (the CLI follows the pages itself)
#   per account:  aws sso list-account-roles     (is the role there?)
#                 aws sso get-role-credentials   (exported as AWS_ACCESS_KEY_ID/…)
#     per region: aws appflow list-flows         (following nextToken: no AppFlow paginator)
#                 aws appflow describe-flow-execution-records per flow that has run
#                 (max 100, newest first; the next page only while a page holds an active run,
#                 InProgress or CancelStarted — the same work as Flowdesk's FleetScanner)
#
# With 0.3–1 s per process (44 processes per account at 2 regions × 20 flows) the 500-account
# fleet would take hours, so only the first ACCOUNTS accounts of the listing are scanned (the
# listing itself is complete); the harness scales the per-account part to the whole fleet and
# says so. A sequential loop never comes near the rate limits, so nothing in it is throttled;
# it is slow for the plain reason that every request is a new process. Standard retries (3
# attempts), as the operator's default.
# Regions an account has not enabled (UnrecognizedClientException; the simulator disables
# every seventh account's non-home regions) are counted apart, not as failed calls.
#
# usage: fleet-aws-cli.sh --endpoint URL --token ACCESS_TOKEN [--regions us-east-1,eu-west-1]
#                         [--accounts K] [--role FlowdeskOperator]
# Environment: FLOWDESK_BENCH_AWS names the aws executable (default: aws on PATH). Prints one
# JSON line; exit 0 when the loop ran to its end (failed calls are in the line).
set -euo pipefail

endpoint="" token="" regions="us-east-1,eu-west-1" sample=5 role="FlowdeskOperator"
while [ $# -gt 0 ]; do
    case "$1" in
    --endpoint) endpoint="$2"; shift 2 ;;
    --token) token="$2"; shift 2 ;;
    --regions) regions="$2"; shift 2 ;;
    --accounts) sample="$2"; shift 2 ;;
    --role) role="$2"; shift 2 ;;
    *) echo "usage: fleet-aws-cli.sh --endpoint URL --token T [--regions LIST] [--accounts K] [--role NAME]" >&2; exit 2 ;;
    esac
done
[ -n "$endpoint" ] && [ -n "$token" ] || { echo "fleet-aws-cli.sh: --endpoint and --token are required" >&2; exit 2; }
IFS=, read -r -a region_list <<<"$regions"
home_region="${region_list[0]}"

aws_cli="${FLOWDESK_BENCH_AWS:-aws}"
# The operator's settings: standard retries, no config files from this machine's user.
export AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=3 AWS_PAGER=""
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN

errfile=$(mktemp)
callfile=$(mktemp)
trap 'rm -f "$errfile" "$callfile"' EXIT
failed_calls=0 first_error=""
# One aws call; its stderr kept in $errfile so a failure can be told apart (disabled region).
# It runs in a command substitution (a subshell), so the calls are counted in a file.
awscall() {
    echo >>"$callfile"
    "$aws_cli" "$@" --endpoint-url "$endpoint" --output json 2>"$errfile"
}
fail() {
    failed_calls=$((failed_calls + 1))
    [ -n "$first_error" ] || first_error="$1: $(tr '\n' ' ' <"$errfile" | sed 's/ *$//')"
}
now_ns() { date +%s%N; }

accounts_listed=0 accounts_done=0 account_regions=0 read_ok=0 partial=0 failed_regions=0 disabled=0
flows=0 flows_read=0 active=0 without_role=0
start=$(now_ns)

accounts=$(awscall sso list-accounts --access-token "$token" --region "$home_region") \
    || { fail "list-accounts"; accounts='{"accountList":[]}'; }
mapfile -t account_ids < <(jq -r '.accountList[].accountId' <<<"$accounts")
accounts_listed=${#account_ids[@]}
list_ms=$(( ($(now_ns) - start) / 1000000 ))

for account in "${account_ids[@]:0:$sample}"; do
    accounts_done=$((accounts_done + 1))
    account_regions=$((account_regions + ${#region_list[@]}))
    # A listing that failed does not stop the account (the role is known); one without the role does.
    if roles=$(awscall sso list-account-roles --access-token "$token" --account-id "$account" --region "$home_region"); then
        if ! jq -e --arg role "$role" 'any(.roleList[]; .roleName == $role)' <<<"$roles" >/dev/null; then
            without_role=$((without_role + 1)) failed_regions=$((failed_regions + ${#region_list[@]}))
            [ -n "$first_error" ] || first_error="account $account has no role $role"
            continue
        fi
    else
        fail "list-account-roles $account"
    fi
    creds=$(awscall sso get-role-credentials --access-token "$token" --account-id "$account" \
        --role-name "$role" --region "$home_region") || {
        fail "get-role-credentials $account"
        failed_regions=$((failed_regions + ${#region_list[@]}))
        continue
    }
    read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN < <(jq -r \
        '.roleCredentials | [.accessKeyId, .secretAccessKey, .sessionToken] | @tsv' <<<"$creds")
    export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

    for region in "${region_list[@]}"; do
        # Every flow that has run (lastRunExecutionDetails), following nextToken.
        names=() token_="" listing_failed=0 region_disabled=0
        while :; do
            args=(appflow list-flows --max-results 100 --region "$region")
            [ -z "$token_" ] || args+=(--next-token "$token_")
            if ! page=$(awscall "${args[@]}"); then
                if grep -q UnrecognizedClientException "$errfile"; then
                    region_disabled=1
                else
                    fail "list-flows $account $region"
                    listing_failed=1
                fi
                break
            fi
            flows=$((flows + $(jq '.flows | length' <<<"$page")))
            mapfile -t -O "${#names[@]}" names < <(jq -r '.flows[] | select(.lastRunExecutionDetails) | .flowName' <<<"$page")
            token_=$(jq -r '.nextToken // empty' <<<"$page")
            [ -n "$token_" ] || break
        done
        if [ "$region_disabled" -eq 1 ]; then
            disabled=$((disabled + 1))
            continue
        fi
        if [ "$listing_failed" -eq 1 ] && [ "${#names[@]}" -eq 0 ]; then
            failed_regions=$((failed_regions + 1))
            continue
        fi
        unread=0
        for flow in "${names[@]}"; do
            flows_read=$((flows_read + 1))
            token_=""
            while :; do
                args=(appflow describe-flow-execution-records --flow-name "$flow" --max-results 100 --region "$region")
                [ -z "$token_" ] || args+=(--next-token "$token_")
                page=$(awscall "${args[@]}") || { fail "describe-flow-execution-records $account $region $flow"; unread=$((unread + 1)); break; }
                read -r a token_ < <(jq -r '[([.flowExecutions[] | select(.executionStatus == "InProgress" or .executionStatus == "CancelStarted")] | length),
                    (.nextToken // "-")] | @tsv' <<<"$page")
                active=$((active + a))
                # Newest first: past the active runs once a page holds none.
                [ "$a" -gt 0 ] && [ "$token_" != "-" ] || break
            done
        done
        if [ "$unread" -gt 0 ] || [ "$listing_failed" -eq 1 ]; then partial=$((partial + 1)); else read_ok=$((read_ok + 1)); fi
    done
    unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
done
wall_ms=$(( ($(now_ns) - start) / 1000000 ))
calls=$(wc -l <"$callfile")

jq -nc --argjson wall "$wall_ms" --argjson list "$list_ms" --argjson listed "$accounts_listed" \
    --argjson done "$accounts_done" --argjson ar "$account_regions" --argjson read "$read_ok" \
    --argjson partial "$partial" --argjson failedRegions "$failed_regions" --argjson disabled "$disabled" \
    --argjson withoutRole "$without_role" --argjson flows "$flows" --argjson flowsRead "$flows_read" \
    --argjson active "$active" --argjson calls "$calls" --argjson failed "$failed_calls" \
    --arg firstError "$first_error" \
    '{peer: "aws-cli", workload: "fleet", retryMode: "standard", maxAttempts: 3, wallMs: $wall, listMs: $list,
      accounts: $listed, accountsDone: $done, accountRegions: $ar, accountRegionsRead: $read,
      partialRegions: $partial, failedRegions: $failedRegions, disabledRegions: $disabled,
      accountsWithoutRole: $withoutRole, flows: $flows, flowsRead: $flowsRead, activeRuns: $active,
      calls: $calls, failedCalls: $failed}
     + (if $firstError == "" then {} else {firstError: $firstError} end)'
