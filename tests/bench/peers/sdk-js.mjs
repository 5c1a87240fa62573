// The AWS SDK for JavaScript v3 peer: the same workloads as flowdesk-bench, written the way a
// developer would with the pinned @aws-sdk/client-appflow (tests/conformance's install), at
// the same number of requests in flight as Flowdesk. Prints one JSON line like flowdesk-bench.
//
// usage: node sdk-js.mjs --endpoint URL --workload inventory|active|cancel|cancel-older
//                        [--concurrency 8] [--page-size 100] [--runs FILE] [--older-than-minutes 120]
// Credentials and region: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const require = createRequire(new URL('../../conformance/package.json', import.meta.url));
const {
    AppflowClient,
    ListFlowsCommand,
    DescribeFlowExecutionRecordsCommand,
    CancelFlowExecutionsCommand,
} = require('@aws-sdk/client-appflow');

const { values: args } = parseArgs({
    options: {
        endpoint: { type: 'string' },
        workload: { type: 'string' },
        concurrency: { type: 'string', default: '8' },
        'page-size': { type: 'string', default: '100' },
        runs: { type: 'string' },
        'older-than-minutes': { type: 'string', default: '120' },
    },
});
if (!args.endpoint || !['inventory', 'active', 'cancel', 'cancel-older'].includes(args.workload)) {
    console.error('usage: node sdk-js.mjs --endpoint URL --workload inventory|active|cancel|cancel-older '
        + '[--concurrency N] [--page-size N] [--runs FILE]');
    process.exit(2);
}
const concurrency = Number(args.concurrency);
const pageSize = Number(args['page-size']);

const client = new AppflowClient({
    endpoint: args.endpoint,
    region: process.env.AWS_REGION || 'us-east-1',
    credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
        sessionToken: process.env.AWS_SESSION_TOKEN || undefined,
    },
    maxAttempts: 3, // the SDK's standard retry mode, as Flowdesk's
});

const result = {
    peer: 'sdk-js', workload: args.workload, concurrency,
    wallMs: 0, flows: 0, flowsRead: 0, records: 0, pages: 0, activeRuns: 0, stoppedEarly: 0,
    cancelStarted: 0, notCancellable: 0, errors: 0,
};
const countError = (what, error) => {
    if (result.errors++ === 0) result.firstError = `${what}: ${error.name}: ${error.message}`;
};

// At most `limit` tasks at once, the rest waiting in order — Flowdesk's request queue.
async function pool(items, limit, task) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) await task(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const isActive = (status) => status === 'InProgress' || status === 'CancelStarted';

async function listFlows() {
    const flows = [];
    let nextToken;
    do {
        const page = await client.send(new ListFlowsCommand({ maxResults: 100, nextToken }));
        flows.push(...(page.flows ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return flows;
}

// onPage, if given, sees every page's runs (cancel-older picks its runs there).
async function readHistory(flowName, stopPastActive, onPage = () => {}) {
    let nextToken;
    do {
        const page = await client.send(new DescribeFlowExecutionRecordsCommand({
            flowName, maxResults: pageSize, nextToken,
        }));
        const runs = page.flowExecutions ?? [];
        onPage(runs);
        result.records += runs.length;
        result.pages += 1;
        const active = runs.filter((run) => isActive(run.executionStatus)).length;
        result.activeRuns += active;
        nextToken = page.nextToken;
        // Newest first: a page without an active run means the active ones are behind us.
        if (stopPastActive && active === 0 && nextToken) {
            result.stoppedEarly += 1;
            break;
        }
    } while (nextToken);
}

async function history(stopPastActive) {
    let flows;
    try {
        flows = await listFlows();
    } catch (error) {
        countError('ListFlows', error);
        return;
    }
    result.flows = flows.length;
    const toRead = flows.filter((flow) => flow.lastRunExecutionDetails).map((flow) => flow.flowName);
    result.flowsRead = toRead.length;
    await pool(toRead, concurrency, (flowName) => readHistory(flowName, stopPastActive)
        .catch((error) => countError(`DescribeFlowExecutionRecords ${flowName}`, error)));
}

async function cancel(runsFile) {
    const byFlow = JSON.parse(readFileSync(runsFile, 'utf8')).inProgress;
    // One request per flow and 100 IDs, the most CancelFlowExecutions takes.
    const requests = [];
    for (const [flowName, ids] of Object.entries(byFlow)) {
        for (let i = 0; i < ids.length; i += 100)
            requests.push({ flowName, executionIds: ids.slice(i, i + 100) });
    }
    result.flows = Object.keys(byFlow).length;
    await pool(requests, concurrency, async (input) => {
        try {
            const answer = await client.send(new CancelFlowExecutionsCommand(input));
            const invalid = answer.invalidExecutions ?? [];
            result.notCancellable += invalid.length;
            result.cancelStarted += input.executionIds.length - invalid.length;
        } catch (error) {
            countError(`CancelFlowExecutions ${input.flowName}`, error);
        }
    });
}

// "Cancel every run in progress for more than N minutes, across flows", as a developer would
// write it: list the flows, read each one's history (newest first, stopping past its active
// runs), pick the old runs in progress, one CancelFlowExecutions per flow (≤ 100 IDs each).
async function cancelOlder(minutes) {
    let flows;
    try {
        flows = await listFlows();
    } catch (error) {
        countError('ListFlows', error);
        return;
    }
    result.flows = flows.length;
    const cutoff = Date.now() - minutes * 60 * 1000;
    const toRead = flows.filter((flow) => flow.lastRunExecutionDetails).map((flow) => flow.flowName);
    result.flowsRead = toRead.length;
    await pool(toRead, concurrency, async (flowName) => {
        const old = [];
        try {
            await readHistory(flowName, true, (runs) => {
                for (const run of runs) {
                    if (run.executionStatus === 'InProgress' && run.startedAt && run.startedAt.getTime() < cutoff)
                        old.push(run.executionId);
                }
            });
        } catch (error) {
            countError(`DescribeFlowExecutionRecords ${flowName}`, error);
            return;
        }
        for (let i = 0; i < old.length; i += 100) {
            const executionIds = old.slice(i, i + 100);
            try {
                const answer = await client.send(new CancelFlowExecutionsCommand({ flowName, executionIds }));
                const invalid = answer.invalidExecutions ?? [];
                result.notCancellable += invalid.length;
                result.cancelStarted += executionIds.length - invalid.length;
            } catch (error) {
                countError(`CancelFlowExecutions ${flowName}`, error);
            }
        }
    });
}

if (args.workload === 'cancel' && !args.runs) {
    console.error('sdk-js: --workload cancel needs --runs FILE');
    process.exit(2);
}
const started = process.hrtime.bigint();
if (args.workload === 'cancel') await cancel(args.runs);
else if (args.workload === 'cancel-older') await cancelOlder(Number(args['older-than-minutes']));
else await history(args.workload === 'active');
result.wallMs = Number(process.hrtime.bigint() - started) / 1e6;
client.destroy();
console.log(JSON.stringify(result));
process.exit(result.errors === 0 ? 0 : 1);
