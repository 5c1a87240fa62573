#!/usr/bin/env bash
# The AWS CLI peer: the workloads as an operator would script them in an incident — a shell loop
# of `aws appflow …` calls, one process per request, jq to read the answers. Prints one JSON
# line like flowdesk-bench. The CLI has no paginator for AppFlow, so the loops follow nextToken.
#
# usage: aws-cli.sh ENDPOINT inventory|active [SAMPLE]   (SAMPLE: read only the first SAMPLE
#                                                         flows' histories; see run-benchmarks)
#        aws-cli.sh ENDPOINT cancel RUNS_FILE
#        aws-cli.sh ENDPOINT cancel-older MINUTES   (every run in progress for longer, all flows)
# Environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION; FLOWDESK_BENCH_AWS
# names the aws executable (default: aws on PATH); AWS_DATA_PATH, when set, holds the AppFlow
# model the harness added for a CLI that predates cancel-flow-executions (Debian 12's 2.9.19;
# run-benchmarks.mjs, findAwsCli).
set -euo pipefail

endpoint="$1"
workload="$2"
aws_cli="${FLOWDESK_BENCH_AWS:-aws}"
# The operator's settings: standard retries, no config files from this machine's user.
export AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=3 AWS_PAGER=""
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-${AWS_REGION:-us-east-1}}"

appflow() { "$aws_cli" appflow "$@" --endpoint-url "$endpoint" --output json; }
now_ns() { date +%s%N; }

flows=0 flows_read=0 records=0 pages=0 active=0 stopped=0 started_ok=0 invalid=0 errors=0
first_error=""
fail() {
    errors=$((errors + 1))
    [ -n "$first_error" ] || first_error="$1"
}

# Every flow (following nextToken) into `flows`; the names of those that ever ran (they have a
# history: lastRunExecutionDetails) into `names`; the time it took into `list_ms`.
list_flows() {
    names=()
    local token="" page
    while :; do
        if [ -n "$token" ]; then
            page=$(appflow list-flows --max-results 100 --next-token "$token") || { fail "list-flows"; break; }
        else
            page=$(appflow list-flows --max-results 100) || { fail "list-flows"; break; }
        fi
        mapfile -t -O "${#names[@]}" names < <(jq -r '.flows[] | select(.lastRunExecutionDetails) | .flowName' <<<"$page")
        flows=$((flows + $(jq '.flows | length' <<<"$page")))
        token=$(jq -r '.nextToken // empty' <<<"$page")
        [ -n "$token" ] || break
    done
    list_ms=$(( ($(now_ns) - start) / 1000000 ))
}

start=$(now_ns)
list_ms=0
case "$workload" in
inventory|active)
    sample="${3:-0}"
    list_flows
    if [ "$sample" -gt 0 ] && [ "${#names[@]}" -gt "$sample" ]; then
        names=("${names[@]:0:$sample}")
    fi
    for flow in "${names[@]}"; do
        flows_read=$((flows_read + 1))
        token=""
        while :; do
            args=(describe-flow-execution-records --flow-name "$flow" --max-results 100)
            [ -z "$token" ] || args+=(--next-token "$token")
            page=$(appflow "${args[@]}") || { fail "describe-flow-execution-records $flow"; break; }
            read -r n a token < <(jq -r '[(.flowExecutions | length),
                ([.flowExecutions[] | select(.executionStatus == "InProgress" or .executionStatus == "CancelStarted")] | length),
                (.nextToken // "-")] | @tsv' <<<"$page")
            records=$((records + n)) active=$((active + a)) pages=$((pages + 1))
            [ "$token" != "-" ] || break
            # Newest first: past the active runs once a page holds none.
            if [ "$workload" = active ] && [ "$a" -eq 0 ]; then
                stopped=$((stopped + 1))
                break
            fi
        done
    done
    ;;
cancel)
    runs_file="$3"
    while IFS=$'\t' read -r flow ids; do
        flows=$((flows + 1))
        read -r -a id_list <<<"$ids"
        # At most 100 IDs per request.
        for ((i = 0; i < ${#id_list[@]}; i += 100)); do
            chunk=("${id_list[@]:i:100}")
            answer=$(appflow cancel-flow-executions --flow-name "$flow" --execution-ids "${chunk[@]}") \
                || { fail "cancel-flow-executions $flow"; continue; }
            # An answer without invalid IDs is `{}`, which CLI v2 prints as nothing at all.
            bad=$(jq -s '.[0].invalidExecutions // [] | length' <<<"$answer")
            invalid=$((invalid + bad)) started_ok=$((started_ok + ${#chunk[@]} - bad))
        done
    done < <(jq -r '.inProgress | to_entries[] | [.key, (.value | join(" "))] | @tsv' "$runs_file")
    ;;
cancel-older)
    # The loop an operator writes: list the flows, read each history, jq picks the runs in
    # progress that started before the cutoff, one cancel per flow that has any.
    cutoff=$(( $(date +%s) - ${3:-120} * 60 ))
    list_flows
    for flow in "${names[@]}"; do
        flows_read=$((flows_read + 1))
        page=$(appflow describe-flow-execution-records --flow-name "$flow" --max-results 100) \
            || { fail "describe-flow-execution-records $flow"; continue; }
        pages=$((pages + 1))
        # startedAt is epoch seconds in the CLI's JSON (botocore prints timestamps as ISO
        # strings; both are handled).
        mapfile -t old < <(jq -r --argjson cutoff "$cutoff" '.flowExecutions[]
            | select(.executionStatus == "InProgress")
            | select((.startedAt | if type == "number" then . else (sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601) end) < $cutoff)
            | .executionId' <<<"$page")
        [ "${#old[@]}" -gt 0 ] || continue
        for ((i = 0; i < ${#old[@]}; i += 100)); do
            chunk=("${old[@]:i:100}")
            answer=$(appflow cancel-flow-executions --flow-name "$flow" --execution-ids "${chunk[@]}") \
                || { fail "cancel-flow-executions $flow"; continue; }
            bad=$(jq -s '.[0].invalidExecutions // [] | length' <<<"$answer")
            invalid=$((invalid + bad)) started_ok=$((started_ok + ${#chunk[@]} - bad))
        done
    done
    ;;
*)
    echo "usage: aws-cli.sh ENDPOINT inventory|active [SAMPLE] | cancel RUNS_FILE | cancel-older MINUTES" >&2
    exit 2
    ;;
esac
wall_ms=$(( ($(now_ns) - start) / 1000000 ))

jq -nc --arg workload "$workload" --argjson wall "$wall_ms" --argjson list "$list_ms" \
    --argjson flows "$flows" --argjson read "$flows_read" --argjson records "$records" \
    --argjson pages "$pages" --argjson active "$active" --argjson stopped "$stopped" \
    --argjson started "$started_ok" --argjson invalid "$invalid" --argjson errors "$errors" \
    --arg firstError "$first_error" \
    '{peer: "aws-cli", workload: $workload, concurrency: 1, wallMs: $wall, listMs: $list,
      flows: $flows, flowsRead: $read, records: $records, pages: $pages, activeRuns: $active,
      stoppedEarly: $stopped, cancelStarted: $started, notCancellable: $invalid, errors: $errors}
     + (if $firstError == "" then {} else {firstError: $firstError} end)'
[ "$errors" -eq 0 ]
