// The AWS SDK for JavaScript v3 peer of the fleet scan (issue #14): every active run of an IAM
// Identity Center fleet, written the way a developer would with the pinned @aws-sdk/client-sso
// and @aws-sdk/client-appflow (tests/conformance's install), doing the same work as Flowdesk's
// FleetScanner (bench_fleetscan) at the same concurrency:
//
//   1. ListAccounts, every page (pageSize 100, the SDK paginator);
//   2. ListAccountRoles of every account (paginator, pageSize 100);
//   3. for every account × region, at most REGIONS_AT_ONCE at a time: GetRoleCredentials for
//      the role (FlowdeskOperator, what bench_fleetscan chooses; once per account, shared by its
//      regions), then an AppflowClient with those credentials for that region: ListFlows (every
//      page, maxResults 100) and DescribeFlowExecutionRecords (maxResults 100, newest first) of
//      every flow that has run, REQUESTS_PER_REGION at a time, paging on only while a page holds
//      an active run (InProgress or CancelStarted, appflow::isActive) — as FleetScanner does.
//
// Fair in both directions: the portal calls go through one SSOClient with at most PORTAL_IN_FLIGHT
// requests at once (SsoPortalClient's cap), each account × region gets its own client (as
// Flowdesk's), and the retry mode is the SDK's default, standard with 3 attempts, exactly as a
// developer gets it without asking for more. What it does not have is Flowdesk's adaptive
// client-side rate limiter (the SDK offers retryMode 'adaptive', but the default is what the
// issue compares against), so calls that stay throttled through their 3 attempts fail: those
// are counted and reported, never hidden. Regions an account has not enabled
// (UnrecognizedClientException: the simulator disables every seventh account's non-home
// regions on purpose) are counted apart, as bench_fleetscan does, not as failed calls.
//
// usage: node fleet-sdk-js.mjs --endpoint URL --token ACCESS_TOKEN [--regions us-east-1,eu-west-1]
//            [--role FlowdeskOperator] [--regions-at-once 128] [--requests-per-region 4]
//            [--portal-in-flight 10]
// Prints one JSON line. Exit 0 when the scan ran to its end (failed calls are a result, in the
// line), 1 when it could not start (ListAccounts failed).

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(new URL('../../conformance/package.json', import.meta.url));
const {
    SSOClient,
    GetRoleCredentialsCommand,
    paginateListAccounts,
    paginateListAccountRoles,
} = require('@aws-sdk/client-sso');
const { AppflowClient, ListFlowsCommand, DescribeFlowExecutionRecordsCommand } = require('@aws-sdk/client-appflow');

const { values: args } = parseArgs({
    options: {
        endpoint: { type: 'string' },
        token: { type: 'string' },
        regions: { type: 'string', default: 'us-east-1,eu-west-1' },
        role: { type: 'string', default: 'FlowdeskOperator' },
        // FleetScanner::Settings: 128 account-regions at once, 4 requests in flight each;
        // SsoPortalClient: 10 portal requests in flight. The harness passes what bench_fleetscan
        // printed, so both sides always run at the same concurrency.
        'regions-at-once': { type: 'string', default: '128' },
        'requests-per-region': { type: 'string', default: '4' },
        'portal-in-flight': { type: 'string', default: '10' },
    },
});
if (!args.endpoint || !args.token) {
    console.error('usage: node fleet-sdk-js.mjs --endpoint URL --token ACCESS_TOKEN [--regions LIST] [--role NAME] '
        + '[--regions-at-once N] [--requests-per-region N] [--portal-in-flight N]');
    process.exit(2);
}
const regions = args.regions.split(',').filter(Boolean);
const homeRegion = regions[0];
const regionsAtOnce = Number(args['regions-at-once']);
const requestsPerRegion = Number(args['requests-per-region']);
const portalInFlight = Number(args['portal-in-flight']);
const accessToken = args.token;

const result = {
    peer: 'sdk-js', workload: 'fleet', retryMode: 'standard', maxAttempts: 3,
    regionsAtOnce, requestsPerRegion, portalInFlight,
    wallMs: 0, lastActiveMs: 0,
    accounts: 0, accountRegions: 0, accountRegionsRead: 0, partialRegions: 0, failedRegions: 0,
    disabledRegions: 0, accountsWithoutRole: 0,
    flows: 0, flowsRead: 0, unreadFlows: 0, activeRuns: 0,
    attempts: 0, failedCalls: 0, failedByError: {},
};
const started = process.hrtime.bigint();
const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;

// Every attempt the SDK made ($metadata.attempts, on answers and on errors).
const attempts = (metadata) => { result.attempts += metadata?.attempts ?? 1; };
const failed = (what, error) => {
    attempts(error.$metadata);
    result.failedCalls += 1;
    const key = `${what}: ${error.name}`;
    result.failedByError[key] = (result.failedByError[key] ?? 0) + 1;
    result.firstError ??= `${what}: ${error.name}: ${error.message}`;
};
const disabled = (error) => error?.name === 'UnrecognizedClientException';

// At most `limit` tasks at once, the rest waiting in order.
async function pool(items, limit, task) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) await task(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// A semaphore for the portal: all portal calls share its one rate limit, so they share a cap.
function limiter(limit) {
    let running = 0;
    const waiting = [];
    return async (work) => {
        if (running >= limit) await new Promise((resolve) => waiting.push(resolve));
        else running += 1;
        try {
            return await work();
        } finally {
            const next = waiting.shift();
            if (next) next(); else running -= 1;
        }
    };
}

const portal = new SSOClient({ region: homeRegion, endpoint: args.endpoint, maxAttempts: 3 });
const portalSlot = limiter(portalInFlight);

// Every page of a paginator, each page request taking a portal slot. Returns the items and
// the error that stopped it, if one did.
async function readAll(paginator, key, what) {
    const items = [];
    try {
        const pages = paginator[Symbol.asyncIterator]();
        for (;;) {
            const step = await portalSlot(() => pages.next());
            if (step.done) break;
            attempts(step.value.$metadata);
            items.push(...(step.value[key] ?? []));
        }
        return { items };
    } catch (error) {
        failed(what, error);
        return { items, error };
    }
}

// 1. The accounts.
const accounts = await readAll(paginateListAccounts({ client: portal, pageSize: 100 }, { accessToken }),
    'accountList', 'ListAccounts');
result.accounts = accounts.items.length;
if (accounts.error && accounts.items.length === 0) {
    result.wallMs = elapsedMs();
    portal.destroy();
    console.log(JSON.stringify(result));
    process.exit(1);
}

// 2. The roles of every account. A listing that failed does not stop the account's scan: the
// role is known (bench_fleetscan chooses it the same way); one that lists no such role does.
const withoutRole = new Set();
await pool(accounts.items, portalInFlight, async ({ accountId }) => {
    const roles = await readAll(paginateListAccountRoles({ client: portal, pageSize: 100 }, { accessToken, accountId }),
        'roleList', 'ListAccountRoles');
    if (!roles.error && !roles.items.some((role) => role.roleName === args.role)) withoutRole.add(accountId);
});
result.accountsWithoutRole = withoutRole.size;

// 3. The account × region scan. Credentials once per account (both regions await the same
// promise), in memory only, as Flowdesk keeps them.
const credentials = new Map();
function credentialsFor(accountId) {
    if (!credentials.has(accountId)) {
        credentials.set(accountId, portalSlot(() => portal.send(new GetRoleCredentialsCommand({
            accessToken, accountId, roleName: args.role,
        }))).then((answer) => {
            attempts(answer.$metadata);
            const c = answer.roleCredentials;
            return {
                accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken,
                expiration: new Date(c.expiration),
            };
        }, (error) => {
            failed('GetRoleCredentials', error);
            return null;
        }));
    }
    return credentials.get(accountId);
}

const isActive = (status) => status === 'InProgress' || status === 'CancelStarted';

async function scanRegion({ accountId, region }) {
    if (withoutRole.has(accountId)) {
        result.failedRegions += 1;
        result.firstError ??= `account ${accountId} has no role ${args.role}`;
        return;
    }
    const roleCredentials = await credentialsFor(accountId);
    if (!roleCredentials) {
        result.failedRegions += 1;
        return;
    }
    const client = new AppflowClient({ region, endpoint: args.endpoint, credentials: roleCredentials, maxAttempts: 3 });
    try {
        const flows = [];
        let listingFailed = false;
        try {
            let nextToken;
            do {
                const page = await client.send(new ListFlowsCommand({ maxResults: 100, nextToken }));
                attempts(page.$metadata);
                flows.push(...(page.flows ?? []));
                nextToken = page.nextToken;
            } while (nextToken);
        } catch (error) {
            if (disabled(error)) {
                attempts(error.$metadata);
                result.disabledRegions += 1;
                return;
            }
            failed('ListFlows', error);
            listingFailed = true;
            // Nothing listed: nothing known. Some pages: those flows are read, the region is partial.
            if (flows.length === 0) {
                result.failedRegions += 1;
                return;
            }
        }
        result.flows += flows.length;
        // Flows that never ran have no history to read.
        const ran = flows.filter((flow) => flow.lastRunExecutionDetails).map((flow) => flow.flowName);
        result.flowsRead += ran.length;
        let unread = 0;
        await pool(ran, requestsPerRegion, async (flowName) => {
            try {
                let nextToken;
                do {
                    const page = await client.send(new DescribeFlowExecutionRecordsCommand({ flowName, maxResults: 100, nextToken }));
                    attempts(page.$metadata);
                    const active = (page.flowExecutions ?? []).filter((run) => isActive(run.executionStatus)).length;
                    if (active > 0) {
                        result.activeRuns += active;
                        result.lastActiveMs = elapsedMs();
                    }
                    // Newest first: a page without an active run means the active ones are behind us.
                    nextToken = active > 0 ? page.nextToken : undefined;
                } while (nextToken);
            } catch (error) {
                unread += 1;
                failed('DescribeFlowExecutionRecords', error);
            }
        });
        result.unreadFlows += unread;
        if (unread > 0 || listingFailed) result.partialRegions += 1;
        else result.accountRegionsRead += 1;
    } finally {
        client.destroy();
    }
}

const accountRegions = accounts.items.flatMap(({ accountId }) => regions.map((region) => ({ accountId, region })));
result.accountRegions = accountRegions.length;
await pool(accountRegions, regionsAtOnce, scanRegion);
result.wallMs = elapsedMs();
portal.destroy();
console.log(JSON.stringify(result));
process.exit(0);
