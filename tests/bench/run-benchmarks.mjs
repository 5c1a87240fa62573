// The benchmark harness behind `./dev bench` (docs/BENCHMARKS.md): starts flowdesk-sim, runs
// every workload for every peer — Flowdesk (flowdesk-bench), the AWS SDK for JavaScript v3
// (peers/sdk-js.mjs, peers/fleet-sdk-js.mjs) and the AWS CLI (peers/aws-cli.sh,
// peers/fleet-aws-cli.sh) — in the same run on the same
// simulator, takes the simulator's own service time for the same requests from its request
// log (the floor), and prints a table of medians and ratios; the same goes to
// OUT/results.json. Peers that are not installed are reported as skipped, never faked.
//
// usage: node run-benchmarks.mjs --build-dir build/release [--out DIR] [--sizes 1000,100]
//        [--reps 5] [--cli-reps 3] [--cli-sample 100] [--peers flowdesk,sdk-js,aws-cli]
//        [--shared-dir ../shared] [--only history,cancel,merge,cold-start,memory,profiles,cli-cold-start,cancel-older,fleet]
//        [--profile-sizes 1000,10000,68000] [--fleet-accounts 500] [--fleet-cli-accounts 5] [--smoke]
// (--peers defaults to $FLOWDESK_BENCH_PEERS, else all three; --shared-dir to
// $FLOWDESK_SHARED_DIR, else the shared/ folder beside the repository.)
//
// --only: just these workloads (default: all). "profiles" is the start-up of the real main window
// with that many AWS CLI profiles (bench/bench_profiles; issue #13), independent of the
// simulator.
//
// --fleet-accounts: the fleet scan's IAM Identity Center accounts (× 2 regions × 20 flows);
// --fleet-cli-accounts: how many of them the AWS CLI loop scans (it is extrapolated to all).
//
// --smoke: tiny sizes and one repetition, for CI: it checks that every piece still runs and
// answers completely, never how fast.

import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';

const here = path.dirname(new URL(import.meta.url).pathname);
const { values: opt } = parseArgs({
    options: {
        'build-dir': { type: 'string' },
        out: { type: 'string' },
        sizes: { type: 'string', default: '1000,100' },
        'runs-per-flow': { type: 'string', default: '10' },
        reps: { type: 'string', default: '5' },
        'cli-reps': { type: 'string', default: '3' },
        'cli-sample': { type: 'string', default: '100' },
        'cancel-flows': { type: 'string', default: '100' },
        'cancel-runs-per-flow': { type: 'string', default: '10' },
        'merge-runs': { type: 'string', default: '10000' },
        peers: { type: 'string', default: process.env.FLOWDESK_BENCH_PEERS ?? 'flowdesk,sdk-js,aws-cli' },
        concurrency: { type: 'string', default: '8' },
        'shared-dir': { type: 'string', default: process.env.FLOWDESK_SHARED_DIR ?? path.join(here, '..', '..', '..', 'shared') },
        only: { type: 'string', default: 'history,cancel,merge,cold-start,memory,profiles,cli-cold-start,cancel-older,fleet' },
        'fleet-accounts': { type: 'string', default: '500' },
        'fleet-cli-accounts': { type: 'string', default: '5' },
        'profile-sizes': { type: 'string', default: '1000,10000,68000' },
        smoke: { type: 'boolean', default: false },
    },
});
if (!opt['build-dir']) {
    console.error('usage: node run-benchmarks.mjs --build-dir BUILD_DIR [options] (see the top of this file)');
    process.exit(2);
}
if (opt.smoke) {
    Object.assign(opt, {
        sizes: '6', 'runs-per-flow': '3', reps: '1', 'cli-reps': '1', 'cli-sample': '1',
        'cancel-flows': '3', 'cancel-runs-per-flow': '2', 'merge-runs': '200', 'profile-sizes': '200',
        'fleet-accounts': '10', 'fleet-cli-accounts': '1',
    });
}
const buildDir = path.resolve(opt['build-dir']);
const outDir = path.resolve(opt.out ?? path.join(buildDir, 'bench'));
mkdirSync(outDir, { recursive: true });
const sizes = opt.sizes.split(',').map(Number);
const runsPerFlow = Number(opt['runs-per-flow']);
const reps = Number(opt.reps);
const cliReps = Number(opt['cli-reps']);
const cliSample = Number(opt['cli-sample']);
const concurrency = Number(opt.concurrency);
const cancelFlows = Number(opt['cancel-flows']);
const cancelRunsPerFlow = Number(opt['cancel-runs-per-flow']);
const only = new Set(opt.only.split(','));
for (const name of only) {
    if (!['history', 'cancel', 'merge', 'cold-start', 'memory', 'profiles', 'cli-cold-start', 'cancel-older', 'fleet'].includes(name)) {
        console.error(`run-benchmarks: unknown workload '${name}' in --only`);
        process.exit(2);
    }
}
const profileSizes = opt['profile-sizes'].split(',').map(Number);

const bin = {
    sim: path.join(buildDir, 'bin', 'flowdesk-sim'),
    flowdesk: path.join(buildDir, 'bin', 'flowdesk'),
    cli: path.join(buildDir, 'bin', 'flowdesk-cli'),
    bench: path.join(buildDir, 'bench', 'flowdesk-bench'),
    merge: path.join(buildDir, 'bench', 'bench_modelmerge'),
    profiles: path.join(buildDir, 'bench', 'bench_profiles'),
    fleet: path.join(buildDir, 'bench', 'bench_fleetscan'),
};
const needsSim = ['history', 'cancel', 'memory', 'cli-cold-start', 'cancel-older', 'fleet'].some((name) => only.has(name));
const needsDriver = ['history', 'cancel', 'memory'].some((name) => only.has(name));
for (const need of [...(needsSim ? [bin.sim] : []), ...(needsDriver ? [bin.bench] : []), ...(only.has('profiles') ? [bin.profiles] : [])]) {
    if (!existsSync(need)) {
        console.error(`run-benchmarks: ${need} is missing; build the release preset first (./dev bench does)`);
        process.exit(2);
    }
}

// The simulator's default credentials (documented in app/sim/README.md; not a secret).
const simEnv = {
    AWS_ACCESS_KEY_ID: 'AKIAFLOWDESKSIM00001',
    AWS_SECRET_ACCESS_KEY: 'flowdesk/sim/NOT/a/secret/0000000000000000',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
};
const childEnv = { ...process.env, ...simEnv };
delete childEnv.AWS_SESSION_TOKEN;
delete childEnv.AWS_PROFILE;

const log = (...parts) => console.error('[bench]', ...parts);

// ---------------------------------------------------------------------------------------------
// Peers: which are here, and why not.

// The AWS CLI: $FLOWDESK_BENCH_AWS if set, else Debian's (what ./dev deps installs, the same on
// every machine and in CI), else `aws` on PATH. Debian 12's awscli 2.9.19 predates
// CancelFlowExecutions, and PyPI (AWS CLI v1) is not reachable from here or CI, so a CLI without
// the command is given the current AppFlow model the way an operator would: `aws configure
// add-model` with the botocore service-2.json from the shared reference — into a private HOME
// under the bench's output folder, never the user's ~/.aws. The peer then reads it through
// AWS_DATA_PATH, which botocore searches before its own models.
const appflowModel = path.join(path.resolve(opt['shared-dir']), 'reference', 'appflow', 'service-2.json');

function awsCliHasCancel(candidate, extraEnv) {
    const help = spawnSync(candidate, ['appflow', 'cancel-flow-executions', 'help'],
        { encoding: 'utf8', env: { ...childEnv, ...extraEnv, PAGER: 'cat', AWS_PAGER: '' } });
    return help.status === 0;
}

function addAppFlowModel(candidate) {
    if (!existsSync(appflowModel)) return { why: `${appflowModel} is missing (--shared-dir, FLOWDESK_SHARED_DIR)` };
    const home = path.join(outDir, 'aws-cli-home');
    rmSync(home, { recursive: true, force: true });
    mkdirSync(home, { recursive: true });
    const env = { ...childEnv, HOME: home, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    delete env.AWS_DATA_PATH;
    const added = spawnSync(candidate, ['configure', 'add-model', '--service-model', `file://${appflowModel}`,
        '--service-name', 'appflow'], { encoding: 'utf8', env });
    if (added.status !== 0) return { why: `aws configure add-model failed: ${(added.stderr ?? '').trim()}` };
    const dataPath = path.join(home, '.aws', 'models');
    if (!awsCliHasCancel(candidate, { AWS_DATA_PATH: dataPath }))
        return { why: 'still no cancel-flow-executions after aws configure add-model' };
    return { dataPath };
}

function findAwsCli() {
    const candidates = [...new Set([process.env.FLOWDESK_BENCH_AWS, '/usr/bin/aws', 'aws'].filter(Boolean))];
    for (const candidate of candidates) {
        const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
        if (version.error || version.status !== 0) continue;
        const found = { path: candidate, version: (version.stdout + version.stderr).trim(), env: {} };
        if (awsCliHasCancel(candidate, {})) return { ...found, hasCancel: true, model: 'its own' };
        const added = addAppFlowModel(candidate);
        if (added.dataPath) {
            return { ...found, hasCancel: true, env: { AWS_DATA_PATH: added.dataPath },
                model: `added from ${appflowModel} (aws configure add-model, AWS_DATA_PATH)` };
        }
        // Without the model the CLI still lists and reads histories; it sits out the cancel.
        return { ...found, hasCancel: false, model: `its own; ${added.why}` };
    }
    return { path: null };
}

// The peers take part in the simulator's workloads only; without those none is looked for.
const wanted = new Set(needsSim ? opt.peers.split(',') : []);
const peers = [];
const skipped = {};
if (wanted.has('flowdesk')) peers.push('flowdesk');
if (wanted.has('sdk-js')) {
    if (existsSync(path.join(here, '..', 'conformance', 'node_modules', '@aws-sdk', 'client-appflow')))
        peers.push('sdk-js');
    else skipped['sdk-js'] = 'tests/conformance/node_modules is not installed (./dev deps runs npm ci)';
}
let awsCli = { path: null };
if (wanted.has('aws-cli')) {
    awsCli = findAwsCli();
    if (awsCli.path) {
        peers.push('aws-cli');
        childEnv.FLOWDESK_BENCH_AWS = awsCli.path; // what peers/aws-cli.sh runs
    }
    else skipped['aws-cli'] = 'no aws executable found (./dev deps installs Debian\'s awscli)';
}

// ---------------------------------------------------------------------------------------------
// The simulator and its request log.

class Sim {
    static async start(args, name) {
        const logPath = path.join(outDir, `${name}.requests.jsonl`);
        writeFileSync(logPath, '');
        const child = spawn(bin.sim, [...args, '--log-requests', logPath],
            { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => { stderr += chunk; });
        const url = await new Promise((resolve, reject) => {
            const lines = createInterface({ input: child.stdout });
            lines.once('line', (line) => {
                const match = /listening on (\S+)/.exec(line);
                match ? resolve(match[1]) : reject(new Error(`flowdesk-sim said: ${line}`));
            });
            child.once('exit', (code) => reject(new Error(`flowdesk-sim exited (${code}): ${stderr}`)));
        });
        const sim = new Sim();
        Object.assign(sim, { child, url, logPath });
        return sim;
    }
    // CPU time the simulator's threads have used so far, in ms: /proc/PID/task/*/schedstat
    // (nanoseconds on the CPU), else utime + stime from /proc/PID/stat (clock ticks, 10 ms);
    // null off Linux.
    cpuMs() {
        const pid = this.child.pid;
        try {
            let ns = 0;
            for (const task of readdirSync(`/proc/${pid}/task`))
                ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
            return ns / 1e6;
        } catch {
            try {
                const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
                return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
            } catch {
                return null;
            }
        }
    }
    // How many log lines exist now and the CPU time used: a mark to read what a peer caused.
    mark() {
        return {
            lines: readFileSync(this.logPath, 'utf8').split('\n').filter(Boolean).length,
            cpuMs: this.cpuMs(),
        };
    }
    // What the simulator served since `mark`: AppFlow requests, their summed service time (from
    // the start of the handler to the answer written; the simulator answers on one thread), the
    // CPU time its process used meanwhile (the handlers plus HTTP parsing, socket reads and
    // writes, the event loop: the least wall time any client can get those answers in), errors.
    since(mark) {
        const cpuMs = this.cpuMs();
        const entries = readFileSync(this.logPath, 'utf8').split('\n').filter(Boolean)
            .slice(mark.lines).map((line) => JSON.parse(line));
        const byOperation = {};
        let serverMs = 0;
        let failed = 0;
        for (const entry of entries) {
            byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
            serverMs += entry.latencyMs;
            if (entry.status !== 200) failed += 1;
        }
        const serverCpuMs = cpuMs !== null && mark.cpuMs !== null ? cpuMs - mark.cpuMs : null;
        return { requests: entries.length, byOperation, serverMs, serverCpuMs, failedRequests: failed };
    }
    async stop() {
        if (this.child.exitCode !== null) return;
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        this.child.kill('SIGTERM');
        await exited;
    }
}

// ---------------------------------------------------------------------------------------------
// Running one peer once.

function run(command, args, extraEnv = {}) {
    return new Promise((resolve) => {
        const started = process.hrtime.bigint();
        const child = spawn(command, args, { env: { ...childEnv, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => { stdout += chunk; });
        child.stderr.on('data', (chunk) => { stderr += chunk; });
        child.on('close', (code) => resolve({
            code, stdout, stderr, processMs: Number(process.hrtime.bigint() - started) / 1e6,
        }));
    });
}

function peerCommand(peer, sim, workload, extra) {
    switch (peer) {
    case 'flowdesk':
        return [bin.bench, ['--endpoint', sim.url, '--workload', workload,
            '--concurrency', String(concurrency), ...(extra.runs ? ['--runs', extra.runs] : [])]];
    case 'sdk-js':
        return ['node', [path.join(here, 'peers', 'sdk-js.mjs'), '--endpoint', sim.url,
            '--workload', workload, '--concurrency', String(concurrency),
            ...(extra.runs ? ['--runs', extra.runs] : [])]];
    case 'aws-cli':
        return [path.join(here, 'peers', 'aws-cli.sh'), [sim.url, workload,
            ...(extra.runs ? [extra.runs] : [String(extra.sample ?? 0)])], awsCli.env];
    }
    throw new Error(`unknown peer ${peer}`);
}

async function measure(peer, sim, workload, extra = {}) {
    const mark = sim.mark();
    const [command, args, env] = peerCommand(peer, sim, workload, extra);
    const outcome = await run(command, args, env);
    const served = sim.since(mark);
    let result;
    try {
        result = JSON.parse(outcome.stdout.trim().split('\n').pop());
    } catch {
        throw new Error(`${peer} ${workload} printed no result (exit ${outcome.code}):\n${outcome.stderr.slice(-2000)}`);
    }
    if (outcome.code !== 0 || result.errors > 0)
        throw new Error(`${peer} ${workload} failed (exit ${outcome.code}): ${result.firstError ?? ''}\n${outcome.stderr.slice(-2000)}`);
    return { ...result, processMs: outcome.processMs, ...served };
}

// ---------------------------------------------------------------------------------------------
// Workloads 1 and 2 at one size.

const median = (values) => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const results = { rows: [], runs: [] };

function expectComplete(sample, size, workload) {
    // Every flow listed, and every run of every flow read (inventory) — a benchmark that
    // answered half the question would look fast for the wrong reason.
    if (sample.flows !== size)
        throw new Error(`${sample.peer} ${workload}: listed ${sample.flows} of ${size} flows`);
    if (workload === 'inventory' && sample.flowsRead === size && sample.records !== size * runsPerFlow)
        throw new Error(`${sample.peer} inventory: read ${sample.records} of ${size * runsPerFlow} runs`);
}

async function historyWorkloads(size) {
    const sim = await Sim.start(['--flows', String(size), '--runs-per-flow', String(runsPerFlow),
        '--seed', '1'], `flows-${size}`);
    log(`flowdesk-sim --flows ${size} --runs-per-flow ${runsPerFlow} at ${sim.url}`);
    try {
        // One untimed pass each, so no peer pays for the simulator's first requests.
        for (const peer of peers.filter((p) => p !== 'aws-cli')) await measure(peer, sim, 'inventory');
        for (const workload of ['inventory', 'active']) {
            const began = Date.now();
            const samples = Object.fromEntries(peers.map((peer) => [peer, []]));
            const sampled = size > cliSample && cliSample > 0;
            for (let rep = 0; rep < reps; ++rep) {
                for (const peer of peers) {
                    if (peer === 'aws-cli' && rep >= (sampled ? 1 : cliReps)) continue;
                    const sample = await measure(peer, sim, workload,
                        peer === 'aws-cli' && sampled ? { sample: cliSample } : {});
                    if (!(peer === 'aws-cli' && sampled)) expectComplete(sample, size, workload);
                    if (peer === 'aws-cli' && sampled) {
                        // One process per request: the per-flow part grows linearly with the
                        // flows read, so scale the measured part to all of them.
                        const perFlow = (sample.wallMs - sample.listMs) / sample.flowsRead;
                        sample.measuredWallMs = sample.wallMs;
                        sample.wallMs = sample.listMs + perFlow * size;
                        sample.extrapolatedFrom = `${sample.flowsRead} of ${size} flows`;
                    }
                    samples[peer].push(sample);
                    results.runs.push({ size, workload, rep, ...sample });
                    log(`${workload} ${size} ${peer} rep ${rep + 1}: ${sample.wallMs.toFixed(1)} ms, `
                        + `${sample.requests} requests, server ${sample.serverMs.toFixed(1)} ms`);
                }
            }
            const row = summarize(workload, `${size} flows × ${runsPerFlow} runs`, samples);
            row.load = loadBetween(began, Date.now());
            results.rows.push(row);
        }
    } finally {
        await sim.stop();
    }
}

function summarize(workload, size, samples) {
    const row = { workload, size, peers: {} };
    for (const [peer, list] of Object.entries(samples)) {
        if (list.length === 0) continue;
        row.peers[peer] = {
            reps: list.length,
            wallMs: median(list.map((s) => s.wallMs)),
            requests: median(list.map((s) => s.extrapolatedFrom ? null : s.requests).filter((v) => v !== null)),
            serverMs: median(list.map((s) => s.serverMs)),
            serverCpuMs: median(list.map((s) => s.serverCpuMs).filter((v) => v !== null)),
            processMs: median(list.map((s) => s.processMs)),
            extrapolatedFrom: list[0].extrapolatedFrom,
        };
    }
    const fd = row.peers.flowdesk;
    if (fd) {
        // The floor: the simulator's own service time for Flowdesk's requests.
        row.floorMs = fd.serverMs;
        row.floorRatio = fd.wallMs / fd.serverMs;
        // The stricter floor: everything the one-threaded simulator spent on those requests.
        if (fd.serverCpuMs) {
            row.floorCpuMs = fd.serverCpuMs;
            row.floorCpuRatio = fd.wallMs / fd.serverCpuMs;
        }
        if (row.peers['sdk-js']) row.sdkRatio = row.peers['sdk-js'].wallMs / fd.wallMs;
        if (row.peers['aws-cli']) row.cliRatio = row.peers['aws-cli'].wallMs / fd.wallMs;
    }
    return row;
}

// ---------------------------------------------------------------------------------------------
// Workload 3: cancel in-progress runs, a fresh simulator for every attempt (cancelling changes
// its state). The scenario: `cancelFlows` on-demand flows, each with `cancelRunsPerFlow` runs
// started in the last minutes that last ten hours, so all are InProgress while measured.

function writeCancelScenario() {
    const flows = [];
    for (let i = 1; i <= cancelFlows; ++i) {
        flows.push({
            flowName: `cancel-bench-${String(i).padStart(4, '0')}`,
            description: 'Benchmark: runs in progress to cancel',
            triggerType: 'OnDemand',
            source: { connectorType: 'S3', bucketName: 'flowdesk-bench', bucketPrefix: `in/${i}` },
            destination: { connectorType: 'S3', bucketName: 'flowdesk-bench', bucketPrefix: `out/${i}` },
            runProfile: { durationMinutes: 600, records: 100000 },
            history: Array.from({ length: cancelRunsPerFlow }, (_, k) => ({
                status: 'InProgress', startedMinutesAgo: k + 1, durationMinutes: 600,
            })),
        });
    }
    const file = path.join(outDir, 'cancel-scenario.json');
    writeFileSync(file, JSON.stringify({ flows }, null, 1));
    return file;
}

async function cancelWorkload() {
    const began = Date.now();
    const scenario = writeCancelScenario();
    const total = cancelFlows * cancelRunsPerFlow;
    const samples = Object.fromEntries(peers.map((peer) => [peer, []]));
    for (let rep = 0; rep < reps; ++rep) {
        for (const peer of peers) {
            if (peer === 'aws-cli' && (!awsCli.hasCancel || rep >= cliReps)) continue;
            const sim = await Sim.start(['--scenario', scenario, '--seed', String(rep + 1)], 'cancel');
            try {
                // Which runs to cancel: what the "All active runs" view shows (untimed).
                const runsFile = path.join(outDir, 'cancel-runs.json');
                const prep = await run(bin.bench, ['--endpoint', sim.url, '--workload', 'active',
                    '--runs-out', runsFile]);
                if (prep.code !== 0) throw new Error(`listing the runs to cancel failed: ${prep.stderr.slice(-2000)}`);
                const sample = await measure(peer, sim, 'cancel', { runs: runsFile });
                if (sample.cancelStarted !== total)
                    throw new Error(`${peer} cancel: ${sample.cancelStarted} of ${total} runs cancelled`);
                samples[peer].push(sample);
                results.runs.push({ size: `${cancelFlows}×${cancelRunsPerFlow}`, workload: 'cancel', rep, ...sample });
                log(`cancel ${total} ${peer} rep ${rep + 1}: ${sample.wallMs.toFixed(1)} ms, `
                    + `${sample.requests} requests`);
            } finally {
                await sim.stop();
            }
        }
    }
    const row = summarize('cancel', `${total} runs in ${cancelFlows} flows`, samples);
    row.requestsTarget = cancelFlows * Math.ceil(cancelRunsPerFlow / 100);
    row.load = loadBetween(began, Date.now());
    results.rows.push(row);
}

// ---------------------------------------------------------------------------------------------
// Workloads 4–6: the model merge (bench_modelmerge) and the app itself (cold start, memory).

async function modelMerge() {
    if (!existsSync(bin.merge)) return { status: 'skipped', why: `${bin.merge} is missing` };
    const outcome = await run(bin.merge, ['--runs', opt['merge-runs'], '--reps', opt.smoke ? '3' : '21']);
    const lines = outcome.stdout.split('\n');
    const parse = (prefix) => {
        const line = lines.find((l) => l.includes(prefix)) ?? '';
        const match = /median ([\d.]+) ms, max ([\d.]+) ms, selection survived: (\w+)/.exec(line);
        return match ? { medianMs: Number(match[1]), maxMs: Number(match[2]), selectionKept: match[3] === 'yes' } : null;
    };
    const result = {
        status: outcome.code === 0 ? 'ok' : 'failed',
        runs: Number(opt['merge-runs']),
        modelAlone: parse('model alone'),
        withViews: parse('with sorted proxy'),
        peakRssKiB: Number(/peak RSS (\d+) KiB/.exec(outcome.stdout)?.[1] ?? 0) || null,
        output: outcome.stdout.trim(),
    };
    if (outcome.code !== 0 || !result.withViews) throw new Error(`bench_modelmerge failed:\n${outcome.stdout}${outcome.stderr}`);
    return result;
}

// Fleet scan (issue #14): "500 accounts × 2 regions × 20 flows, portal at 20 TPS, AppFlow at 10
// TPS per account-region, 50 ms latency: time until every active run of the fleet is in the
// view". Flowdesk: bench_fleetscan, which starts its own flowdesk-sim and prints the time to
// every active run against the quota-bound minimum it computes, the throttled answers and failed
// calls. The peers — the JS SDK v3 script (peers/fleet-sdk-js.mjs, standard retry mode, the same
// concurrency as Flowdesk) and the AWS CLI loop (peers/fleet-aws-cli.sh, the first
// --fleet-cli-accounts accounts, extrapolated) — each get a fresh flowdesk-sim started with the
// arguments bench_fleetscan gives its own (fleetSimArgs; the harness passes bench_fleetscan every
// one of these settings explicitly, so the two cannot drift apart through a default), and the
// simulator's request log counts their requests and throttled answers.
const fleetSettings = () => ({
    accounts: Number(opt['fleet-accounts']),
    regions: ['us-east-1', 'eu-west-1'],
    flows: opt.smoke ? 4 : 20,
    latencyMs: opt.smoke ? 5 : 50,
    portalTps: 20,
    appflowTps: 10,
});

// What bench_fleetscan's main() starts flowdesk-sim with (--log-requests is added by Sim.start).
function fleetSimArgs(fleet, token) {
    return ['--accounts', String(fleet.accounts), '--regions', fleet.regions.join(','), '--region', fleet.regions[0],
        '--flows', String(fleet.flows), '--latency-ms', String(fleet.latencyMs),
        '--rate-limit', `SsoPortal=${fleet.portalTps}`, '--rate-limit', `*=${fleet.appflowTps}`,
        '--sso-access-token', token];
}

// A peer's requests as the simulator saw them: every answer (retries included), throttled
// answers (429), error answers other than the disabled regions' (UnrecognizedClientException).
function fleetLog(logPath) {
    const byOperation = {};
    let requests = 0;
    let throttled = 0;
    let errors = 0;
    for (const line of readFileSync(logPath, 'utf8').split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line);
        requests += 1;
        byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
        if (entry.status === 429) throttled += 1;
        else if (entry.status >= 400 && entry.errorCode !== 'UnrecognizedClientException') errors += 1;
    }
    return { requests, throttled, errorAnswers: errors, byOperation };
}

async function fleetPeer(peer, fleet) {
    const token = `bench-${randomUUID()}`;
    const sim = await Sim.start(fleetSimArgs(fleet, token), `fleet-${peer}`);
    let outcome;
    try {
        if (peer === 'sdk-js') {
            outcome = await run('node', [path.join(here, 'peers', 'fleet-sdk-js.mjs'), '--endpoint', sim.url, '--token', token,
                '--regions', fleet.regions.join(','), '--regions-at-once', String(fleet.regionsAtOnce),
                '--requests-per-region', String(fleet.requestsPerRegion), '--portal-in-flight', String(fleet.portalInFlight)]);
        } else {
            outcome = await run(path.join(here, 'peers', 'fleet-aws-cli.sh'), ['--endpoint', sim.url, '--token', token,
                '--regions', fleet.regions.join(','), '--accounts', String(fleet.cliAccounts)], awsCli.env);
        }
    } finally {
        await sim.stop();
    }
    let result;
    try {
        result = JSON.parse(outcome.stdout.trim().split('\n').pop());
    } catch {
        throw new Error(`fleet ${peer} printed no result (exit ${outcome.code}):\n${outcome.stderr.slice(-2000)}`);
    }
    // Failed calls are a result (the issue expects the SDK script to meet some); a peer that
    // did not list the fleet, lost account-regions or read none is broken, and fails the run.
    const accounted = (r) => r.accountRegionsRead + r.partialRegions + r.failedRegions + r.disabledRegions;
    if (outcome.code !== 0 || result.accounts !== fleet.accounts || accounted(result) !== result.accountRegions
        || result.accountRegionsRead === 0)
        throw new Error(`fleet ${peer} did not scan the fleet (exit ${outcome.code}): ${outcome.stdout.trim()}\n${outcome.stderr.slice(-2000)}`);
    const served = fleetLog(sim.logPath);
    const sample = { ...result, processMs: outcome.processMs, ...served };
    if (peer === 'aws-cli' && result.accountsDone < fleet.accounts) {
        // One process per request, one account after the other: the time grows linearly with
        // the accounts, so the per-account part (after the complete account listing) is scaled
        // to every account. Requests likewise (the listing's once, the rest scaled).
        const factor = fleet.accounts / result.accountsDone;
        const listing = served.byOperation['sso:ListAccounts'] ?? 0;
        Object.assign(sample, {
            measuredWallMs: result.wallMs, measuredRequests: served.requests, factor,
            wallMs: result.listMs + (result.wallMs - result.listMs) * factor,
            requests: Math.round(listing + (served.requests - listing) * factor),
            extrapolatedFrom: `measured over ${result.accountsDone} accounts, extrapolated ×${Number(factor.toFixed(1))}`,
        });
    }
    log(`fleet ${peer}: ${(sample.wallMs / 1000).toFixed(2)} s${sample.extrapolatedFrom ? ` (${sample.extrapolatedFrom}; measured ${(sample.measuredWallMs / 1000).toFixed(2)} s)` : ''}, `
        + `${served.requests} requests, ${served.throttled} throttled, ${result.failedCalls} failed calls, `
        + `${result.activeRuns} active runs${result.firstError ? `; first error: ${result.firstError}` : ''}`);
    return sample;
}

async function fleetScan() {
    if (!existsSync(bin.fleet)) return { status: 'skipped', why: `${bin.fleet} is missing` };
    const fleet = fleetSettings();
    const args = ['--sim', bin.sim, '--accounts', String(fleet.accounts), '--regions', fleet.regions.join(','),
        '--flows', String(fleet.flows), '--latency-ms', String(fleet.latencyMs),
        '--portal-tps', String(fleet.portalTps), '--appflow-tps', String(fleet.appflowTps)];
    const outcome = await run(bin.fleet, args);
    const number = (re) => Number(re.exec(outcome.stdout)?.[1] ?? NaN);
    const result = {
        status: outcome.code === 0 ? 'ok' : 'failed',
        ...fleet,
        seconds: number(/time to every active run: ([\d.]+) s/),
        boundSeconds: number(/quota-bound minimum: ([\d.]+) s/),
        throttled: number(/throttled answers: (\d+)/),
        failedCalls: number(/failed calls: (\d+)/),
        scanRequests: number(/the scan alone: (\d+) requests/),
        scanThrottled: number(/the scan alone: \d+ requests \(retries included\), (\d+) throttled/),
        activeRuns: number(/active runs (\d+)/),
        peakRssMiB: number(/peak RSS: (\d+) MiB/),
        output: outcome.stdout.trim(),
        peers: {},
        skipped: {},
    };
    if (outcome.code !== 0 || Number.isNaN(result.seconds)) throw new Error(`bench_fleetscan failed:\n${outcome.stdout}${outcome.stderr.slice(-2000)}`);
    log(`fleet flowdesk: ${result.seconds.toFixed(2)} s, quota-bound minimum ${result.boundSeconds.toFixed(2)} s, `
        + `${result.throttled} throttled, ${result.failedCalls} failed calls, ${result.activeRuns} active runs`);
    // The peers run at Flowdesk's concurrency, as bench_fleetscan reports it.
    const concurrencyLine = /(\d+) account-regions at once, (\d+) requests in flight each(?:, portal (\d+) in flight)?/.exec(outcome.stdout);
    Object.assign(fleet, {
        regionsAtOnce: Number(concurrencyLine?.[1] ?? 128),
        requestsPerRegion: Number(concurrencyLine?.[2] ?? 4),
        portalInFlight: Number(concurrencyLine?.[3] ?? 10),
        cliAccounts: Math.min(fleet.accounts, Number(opt['fleet-cli-accounts'])),
    });
    Object.assign(result, { regionsAtOnce: fleet.regionsAtOnce, requestsPerRegion: fleet.requestsPerRegion,
        portalInFlight: fleet.portalInFlight, cliAccounts: fleet.cliAccounts });
    if (!peers.includes('sdk-js')) result.skipped['sdk-js'] = skipped['sdk-js'] ?? 'not asked for (--peers)';
    else if (!existsSync(path.join(here, '..', 'conformance', 'node_modules', '@aws-sdk', 'client-sso')))
        result.skipped['sdk-js'] = 'tests/conformance/node_modules has no @aws-sdk/client-sso (./dev deps runs npm ci)';
    else result.peers['sdk-js'] = await fleetPeer('sdk-js', fleet);
    if (!peers.includes('aws-cli')) result.skipped['aws-cli'] = skipped['aws-cli'] ?? 'not asked for (--peers)';
    else if (fleet.cliAccounts < 1) result.skipped['aws-cli'] = '--fleet-cli-accounts 0';
    else result.peers['aws-cli'] = await fleetPeer('aws-cli', fleet);
    const flowdeskMs = result.seconds * 1000;
    // The workload is "time until every active run is in view": a peer whose scan ended with
    // account-regions not read in full never got there, so it has no time to compare (its
    // failed calls and what it found are in its cell instead).
    const sdk = result.peers['sdk-js'];
    if (sdk) {
        result.sdkComplete = sdk.partialRegions + sdk.failedRegions === 0 && sdk.unreadFlows === 0;
        result.sdkRatio = result.sdkComplete ? sdk.wallMs / flowdeskMs : undefined;
    }
    if (result.peers['aws-cli']) result.cliRatio = result.peers['aws-cli'].wallMs / flowdeskMs;
    return result;
}

// Cold start: `flowdesk --demo --startup-probe` prints "startup-probe: first populated paint
// after N ms" (measured from main()) and quits; the harness also times the whole process.
async function coldStart() {
    if (!existsSync(bin.flowdesk)) return { status: 'pending', why: `${bin.flowdesk} is not built` };
    const help = spawnSync(bin.flowdesk, ['--help'], { encoding: 'utf8' });
    if (!/--startup-probe/.test(help.stdout ?? '')) return { status: 'pending', why: 'flowdesk has no --startup-probe yet' };
    const probe = [];
    const process_ = [];
    for (let rep = 0; rep < (opt.smoke ? 1 : reps); ++rep) {
        const outcome = await runApp(['--demo', '--startup-probe'], {});
        const match = /startup-probe: first populated paint after (\d+) ms/.exec(outcome.stdout);
        if (!match) return { status: 'failed', why: `no probe line: ${outcome.stdout}${outcome.stderr.slice(-1000)}` };
        probe.push(Number(match[1]));
        process_.push(outcome.processMs);
    }
    return { status: 'ok', probeMs: median(probe), processMs: median(process_), reps: probe.length };
}

// Workload 8 (issue #15): "cancel every run in progress for more than 2 h, across 100 flows".
// 100 on-demand flows with 10 runs in progress each, started 30 to 210 minutes ago: 5 per flow
// are older than 2 h, 500 in all. Flowdesk: `flowdesk-cli cancel --all-flows --older-than 2h
// --yes --no-wait` (one process, as a runbook runs it); the JS SDK script and the AWS CLI loop do
// the same discovery and cancel (peers/). Every attempt on a fresh simulator; all 500 must be
// cancelled, and the 500 younger ones must not.
function writeCancelOlderScenario() {
    const flows = [];
    for (let i = 1; i <= cancelFlows; ++i) {
        flows.push({
            flowName: `older-bench-${String(i).padStart(4, '0')}`,
            description: 'Benchmark: old runs in progress to cancel',
            triggerType: 'OnDemand',
            source: { connectorType: 'S3', bucketName: 'flowdesk-bench', bucketPrefix: `in/${i}` },
            destination: { connectorType: 'S3', bucketName: 'flowdesk-bench', bucketPrefix: `out/${i}` },
            runProfile: { durationMinutes: 600, records: 100000 },
            history: Array.from({ length: 10 }, (_, k) => ({
                status: 'InProgress', startedMinutesAgo: 30 + 20 * k, durationMinutes: 600,
            })),
        });
    }
    const file = path.join(outDir, 'cancel-older-scenario.json');
    writeFileSync(file, JSON.stringify({ flows }, null, 1));
    return file;
}

async function cancelOlderWorkload() {
    if (!existsSync(bin.cli)) return;
    const began = Date.now();
    const scenario = writeCancelOlderScenario();
    const expected = cancelFlows * 5;
    const samples = Object.fromEntries(peers.map((peer) => [peer, []]));
    for (let rep = 0; rep < (opt.smoke ? 1 : reps); ++rep) {
        for (const peer of peers) {
            if (peer === 'aws-cli' && (!awsCli.hasCancel || rep >= cliReps)) continue;
            const sim = await Sim.start(['--scenario', scenario, '--seed', String(rep + 1)], 'cancel-older');
            try {
                const mark = sim.mark();
                let command;
                let args;
                let env;
                if (peer === 'flowdesk') {
                    // Its own data folder: the audit log it writes is the benchmark's, not the user's.
                    const data = path.join(outDir, 'cancel-older-data');
                    [command, args, env] = [bin.cli, ['--endpoint-url', sim.url, '--region', 'us-east-1', 'cancel',
                        '--all-flows', '--older-than', '2h', '--yes', '--no-wait', '--output', 'json'],
                    { ...childEnv, XDG_DATA_HOME: data, XDG_CONFIG_HOME: data }];
                } else if (peer === 'sdk-js') {
                    [command, args] = ['node', [path.join(here, 'peers', 'sdk-js.mjs'), '--endpoint', sim.url,
                        '--workload', 'cancel-older', '--concurrency', String(concurrency), '--older-than-minutes', '120']];
                } else {
                    [command, args, env] = [path.join(here, 'peers', 'aws-cli.sh'), [sim.url, 'cancel-older', '120'], awsCli.env];
                }
                const outcome = await run(command, args, env);
                const served = sim.since(mark);
                let cancelled;
                if (peer === 'flowdesk') {
                    const rows = JSON.parse(outcome.stdout || '[]');
                    cancelled = rows.filter((row) => row.result === 'CancelStarted').length;
                } else {
                    cancelled = JSON.parse(outcome.stdout.trim().split('\n').pop()).cancelStarted;
                }
                if (outcome.code !== 0 || cancelled !== expected)
                    throw new Error(`${peer} cancel-older: ${cancelled} of ${expected} runs cancelled (exit ${outcome.code}): ${outcome.stderr.slice(-1500)}`);
                const sample = { peer, wallMs: outcome.processMs, processMs: outcome.processMs, cancelStarted: cancelled, ...served };
                samples[peer].push(sample);
                results.runs.push({ workload: 'cancel-older', rep, ...sample });
                log(`cancel-older ${peer} rep ${rep + 1}: ${sample.wallMs.toFixed(1)} ms, ${sample.requests} requests`);
            } finally {
                await sim.stop();
            }
        }
    }
    const row = summarize('cancel older than 2 h', `${expected} of ${cancelFlows * 10} runs in ${cancelFlows} flows (whole process)`, samples);
    row.load = loadBetween(began, Date.now());
    results.rows.push(row);
}

// flowdesk-cli cold start (issue #15: ≤ 50 ms to the first line): `flowdesk-cli flows` against
// the simulator (the demo scenario, one ListFlows page), timed by the harness from spawn to the
// first byte on stdout, and to the end of the process. Each repetition a fresh process.
async function cliColdStart() {
    if (!existsSync(bin.cli)) return { status: 'pending', why: `${bin.cli} is not built` };
    const sim = await Sim.start(['--seed', '1'], 'cli-cold-start');
    try {
        const first = [];
        const whole = [];
        for (let rep = 0; rep < (opt.smoke ? 1 : 10); ++rep) {
            const outcome = await new Promise((resolve) => {
                const started = process.hrtime.bigint();
                let firstMs = null;
                let stdout = '';
                let stderr = '';
                const child = spawn(bin.cli, ['--endpoint-url', sim.url, '--region', 'us-east-1', 'flows'],
                    { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
                child.stdout.on('data', (chunk) => {
                    if (firstMs === null) firstMs = Number(process.hrtime.bigint() - started) / 1e6;
                    stdout += chunk;
                });
                child.stderr.on('data', (chunk) => { stderr += chunk; });
                child.on('close', (code) => resolve({
                    code, firstMs, stdout, stderr, processMs: Number(process.hrtime.bigint() - started) / 1e6,
                }));
            });
            if (outcome.code !== 0 || outcome.firstMs === null)
                return { status: 'failed', why: `flowdesk-cli flows exited ${outcome.code}: ${outcome.stderr.slice(-1000)}` };
            first.push(outcome.firstMs);
            whole.push(outcome.processMs);
        }
        return { status: 'ok', firstLineMs: median(first), maxFirstLineMs: Math.max(...first), processMs: median(whole), reps: first.length };
    } finally {
        await sim.stop();
    }
}

// Memory: the app against the simulator with `size` flows × runsPerFlow runs, peak RSS (VmHWM)
// once the first full refresh has read every flow's runs: the probe prints "startup-probe:
// refreshed after N ms, peak RSS K KiB" on RefreshController::busyChanged(false) and quits. The
// app signs with the simulator's keys from the environment (childEnv), as the AWS CLI would.
async function memory(size) {
    if (!existsSync(bin.flowdesk)) return { status: 'pending', why: `${bin.flowdesk} is not built` };
    const sim = await Sim.start(['--flows', String(size), '--runs-per-flow', String(runsPerFlow), '--seed', '1'], 'memory');
    try {
        const samples = [];
        for (let rep = 0; rep < (opt.smoke ? 1 : 3); ++rep) {
            const mark = sim.mark();
            const outcome = await runApp(['--endpoint-url', sim.url, '--region', 'us-east-1', '--startup-probe'], {});
            const served = sim.since(mark);
            const match = /startup-probe: refreshed after (\d+) ms, peak RSS (\d+) KiB(.*)/.exec(outcome.stdout);
            if (!match || match[3].includes('failed')) {
                return { status: 'failed', why: `no successful refresh: ${outcome.stdout.trim()} ${outcome.stderr.slice(-1000)}` };
            }
            // The whole refresh, not half of it: every flow listed and every history read.
            const histories = served.byOperation.DescribeFlowExecutionRecords ?? 0;
            if (histories < size)
                return { status: 'failed', why: `the refresh read ${histories} of ${size} histories` };
            samples.push({ refreshMs: Number(match[1]), peakRssKiB: Number(match[2]), requests: served.requests });
        }
        return {
            status: 'ok', flows: size, reps: samples.length,
            refreshMs: median(samples.map((s) => s.refreshMs)),
            peakRssKiB: median(samples.map((s) => s.peakRssKiB)),
            maxPeakRssKiB: Math.max(...samples.map((s) => s.peakRssKiB)),
            requests: median(samples.map((s) => s.requests)),
            samples,
        };
    } finally {
        await sim.stop();
    }
}

// Start-up with many AWS CLI profiles (issue #13: 10,000 profiles ≤ 1 s). For each size the
// files are written once into a private HOME (bench_profiles --write), left 3 s so their times
// are not "recent" to Flowdesk's file cache (as a user's real files are not), then every
// repetition is a fresh process: the real MainWindow, timed from main() to the window's first
// paint and to the sidebar listing every profile.
async function profilesStartup() {
    const rows = [];
    for (const size of profileSizes) {
        const began = Date.now();
        const home = mkdtempSync(path.join(tmpdir(), 'flowdesk-bench-profiles-'));
        try {
            const written = await run(bin.profiles, ['--write', home, '--profiles', String(size)]);
            if (written.code !== 0) throw new Error(`bench_profiles --write failed: ${written.stderr}`);
            const files = /config (\d+) bytes, credentials (\d+) bytes/.exec(written.stdout);
            if (!opt.smoke) await new Promise((resolve) => setTimeout(resolve, 3000));
            const env = {
                HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'),
                XDG_CACHE_HOME: path.join(home, 'cache'),
                QT_QPA_PLATFORM: process.env.QT_QPA_PLATFORM ?? 'offscreen',
                AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_REGION: '', AWS_DEFAULT_REGION: '',
            };
            const samples = [];
            for (let rep = 0; rep < (opt.smoke ? 1 : reps); ++rep) {
                const outcome = await run(bin.profiles, ['--expect', String(size)], env);
                const match = /window shown after (-?\d+) ms, (\d+) profiles listed after (\d+) ms, peak RSS (-?\d+) KiB/.exec(outcome.stdout);
                if (outcome.code !== 0 || !match)
                    throw new Error(`bench_profiles --expect ${size} failed (exit ${outcome.code}): ${outcome.stdout}${outcome.stderr.slice(-2000)}`);
                const sample = { shownMs: Number(match[1]), listedMs: Number(match[3]), peakRssKiB: Number(match[4]), processMs: outcome.processMs };
                samples.push(sample);
                results.runs.push({ workload: 'profiles', size, rep, ...sample });
                log(`profiles ${size} rep ${rep + 1}: window shown after ${sample.shownMs} ms, `
                    + `all listed after ${sample.listedMs} ms, peak RSS ${(sample.peakRssKiB / 1024).toFixed(0)} MiB`);
            }
            rows.push({
                profiles: size, reps: samples.length,
                configBytes: files ? Number(files[1]) : null, credentialsBytes: files ? Number(files[2]) : null,
                shownMs: median(samples.map((x) => x.shownMs)),
                listedMs: median(samples.map((x) => x.listedMs)),
                maxListedMs: Math.max(...samples.map((x) => x.listedMs)),
                peakRssKiB: median(samples.map((x) => x.peakRssKiB)),
                load: loadBetween(began, Date.now()),
            });
        } finally {
            rmSync(home, { recursive: true, force: true });
        }
    }
    return { status: 'ok', rows };
}

function runApp(args) {
    return new Promise((resolve) => {
        const started = process.hrtime.bigint();
        const child = spawn(bin.flowdesk, args, {
            env: { ...childEnv, QT_QPA_PLATFORM: process.env.QT_QPA_PLATFORM ?? 'offscreen' },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => child.kill('SIGTERM'), 60000);
        child.stdout.on('data', (chunk) => { stdout += chunk; });
        child.stderr.on('data', (chunk) => { stderr += chunk; });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr, processMs: Number(process.hrtime.bigint() - started) / 1e6 });
        });
    });
}

// ---------------------------------------------------------------------------------------------
// The table.

const fmt = (ms) => (ms === null || ms === undefined ? '—'
    : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`);
const ratio = (value) => (value === undefined ? '—' : `${value.toFixed(value < 10 ? 2 : 0)}×`);

// The machine is shared (other builds, other tests): its 1-minute load average is sampled every
// 5 s through the run and shown per row, so a reader can tell a quiet run from a busy one.
const loadSamples = [];
const sampleLoad = () => loadSamples.push({ at: Date.now(), load1: loadavg()[0] });
sampleLoad();
setInterval(sampleLoad, 5000).unref();
function loadBetween(from, to) {
    const values = loadSamples.filter((s) => s.at >= from && s.at <= to).map((s) => s.load1);
    values.push(loadavg()[0]);
    return { min: Math.min(...values), max: Math.max(...values) };
}
const loadCell = (load) => (load ? `${load.min.toFixed(1)}–${load.max.toFixed(1)}` : '—');

function table() {
    const lines = [];
    const dash = (n) => Array(n).fill('—').join(' | ');
    lines.push('| Workload | Size | Requests (Flowdesk / SDK / CLI) | Flowdesk | JS SDK v3 | AWS CLI | Floor: handlers / sim CPU | CLI ÷ Flowdesk | SDK ÷ Flowdesk | Flowdesk ÷ floor (handlers / sim CPU) | Load |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of results.rows) {
        const p = row.peers;
        const req = ['flowdesk', 'sdk-js', 'aws-cli'].map((peer) => p[peer]?.requests ?? '—').join(' / ');
        const cli = p['aws-cli'];
        const cliCell = cli ? `${fmt(cli.wallMs)}${cli.extrapolatedFrom ? '*' : ''} (n=${cli.reps})` : '—';
        lines.push(`| ${row.workload} | ${row.size} | ${req} | ${fmt(p.flowdesk?.wallMs)} | ${fmt(p['sdk-js']?.wallMs)} `
            + `| ${cliCell} | ${fmt(row.floorMs)} / ${fmt(row.floorCpuMs)} | ${ratio(row.cliRatio)} | ${ratio(row.sdkRatio)} `
            + `| ${ratio(row.floorRatio)} / ${ratio(row.floorCpuRatio)} | ${loadCell(row.load)} |`);
    }
    const merge = results.modelMerge;
    if (!only.has('merge')) {
        // not asked for
    } else if (merge?.withViews) {
        lines.push(`| model merge | ${merge.runs} runs, 1 % changed, 0.5 % gone, 0.5 % new | — | `
            + `${fmt(merge.withViews.medianMs)} with sorted proxy + 2 selection models (model alone ${fmt(merge.modelAlone.medianMs)}); selection kept: `
            + `${merge.withViews.selectionKept && merge.modelAlone.selectionKept ? 'yes' : 'NO'}`
            + `${merge.peakRssKiB ? `; peak RSS ${(merge.peakRssKiB / 1024).toFixed(0)} MiB` : ''} | ${dash(6)} | ${loadCell(merge.load)} |`);
    } else {
        lines.push(`| model merge | — | — | ${merge?.status ?? 'not run'} | ${dash(6)} | ${loadCell(merge?.load)} |`);
    }
    const cold = results.coldStart;
    if (only.has('cold-start')) lines.push(cold?.status === 'ok'
        ? `| cold start | demo scenario | — | ${fmt(cold.probeMs)} to the first populated paint, ${fmt(cold.processMs)} whole process (n=${cold.reps}) | ${dash(6)} | ${loadCell(cold.load)} |`
        : `| cold start | demo scenario | — | ${cold?.status ?? 'not run'}${cold?.why ? `: ${cold.why}` : ''} | ${dash(6)} | ${loadCell(cold?.load)} |`);
    const mem = results.memory;
    if (only.has('memory')) lines.push(mem?.status === 'ok'
        ? `| memory | ${mem.flows} flows × ${runsPerFlow} runs, first full refresh | ${mem.requests ?? '—'} / — / — | peak RSS ${(mem.peakRssKiB / 1024).toFixed(0)} MiB (refresh done after ${fmt(mem.refreshMs)}) | ${dash(6)} | ${loadCell(mem.load)} |`
        : `| memory | ${sizes[0]} flows × ${runsPerFlow} runs, first full refresh | — | ${mem?.status ?? 'not run'}${mem?.why ? `: ${mem.why}` : ''} | ${dash(6)} | ${loadCell(mem?.load)} |`);
    const cliCold = results.cliColdStart;
    if (only.has('cli-cold-start')) lines.push(cliCold?.status === 'ok'
        ? `| flowdesk-cli cold start | \`flowdesk-cli flows\`, demo scenario | 1 / — / — | ${fmt(cliCold.firstLineMs)} to the first line (max ${fmt(cliCold.maxFirstLineMs)}), ${fmt(cliCold.processMs)} whole process (n=${cliCold.reps}) | ${dash(6)} | ${loadCell(cliCold.load)} |`
        : `| flowdesk-cli cold start | demo scenario | — | ${cliCold?.status ?? 'not run'}${cliCold?.why ? `: ${cliCold.why}` : ''} | ${dash(6)} | ${loadCell(cliCold?.load)} |`);
    const fleet = results.fleet;
    if (only.has('fleet')) {
        if (fleet?.status === 'ok') {
            const n = (value) => (value === undefined || value === null || Number.isNaN(value) ? '—' : value.toLocaleString('en-US'));
            // An older bench_fleetscan has no "the scan alone" line: then its total, said so.
            const fdThrottled = Number.isNaN(fleet.scanThrottled)
                ? `${n(fleet.throttled)} throttled answers (scan and auto-refresh)` : `${n(fleet.scanThrottled)} throttled answers`;
            // The CLI loop over a whole fleet runs for hours: minutes and hours read better there.
            const secs = (ms) => (ms >= 3600e3 ? `${(ms / 3600e3).toFixed(1)} h` : ms >= 120e3 ? `${(ms / 60e3).toFixed(1)} min`
                : `${(ms / 1000).toFixed(1)} s`);
            const sdk = fleet.peers['sdk-js'];
            const cli = fleet.peers['aws-cli'];
            const errors = (peer) => Object.entries(peer.failedByError ?? {}).map(([what, count]) => `${what} ×${count}`).join(', ');
            const sdkCell = sdk
                ? `${secs(sdk.wallMs)} to the end of its scan (last active run at ${secs(sdk.lastActiveMs)}); ${n(sdk.throttled)} throttled answers, `
                    + `**${n(sdk.failedCalls)} failed calls**${sdk.failedCalls ? ` (${errors(sdk)})` : ''}; ${n(sdk.activeRuns)} active runs, `
                    + `${n(sdk.unreadFlows)} flows and ${n(sdk.partialRegions + sdk.failedRegions)} account-regions not read in full`
                : `skipped: ${fleet.skipped['sdk-js']}`;
            const cliCell = cli
                ? (cli.extrapolatedFrom
                    ? `${secs(cli.wallMs)}* (${cli.extrapolatedFrom}: ${secs(cli.measuredWallMs)} for ${cli.accountsDone} accounts, `
                    : `${secs(cli.wallMs)} (the whole fleet, `)
                    + `${n(cli.calls)} aws processes); ${n(cli.throttled)} throttled answers, ${n(cli.failedCalls)} failed calls; `
                    + `${n(cli.activeRuns)} active runs in its ${cli.accountsDone} accounts`
                : `skipped: ${fleet.skipped['aws-cli']}`;
            lines.push(`| fleet scan | ${fleet.accounts} accounts × ${fleet.regions.length} regions × ${fleet.flows} flows, portal ${fleet.portalTps} TPS, `
                + `AppFlow ${fleet.appflowTps} TPS per operation per account-region, ${fleet.latencyMs} ms latency; `
                + `${fleet.regionsAtOnce} account-regions at once, ${fleet.requestsPerRegion} requests each, portal ${fleet.portalInFlight} in flight `
                + `| ${n(fleet.scanRequests)} / ${sdk ? n(sdk.requests) : '—'} / ${cli ? `${n(cli.requests)}${cli.extrapolatedFrom ? '*' : ''}` : '—'} `
                + `| ${fleet.seconds.toFixed(1)} s to every active run; ${fdThrottled}, ${n(fleet.failedCalls)} failed calls; `
                + `${n(fleet.activeRuns)} active runs; peak RSS ${fleet.peakRssMiB} MiB `
                + `| ${sdkCell} | ${cliCell} | quota-bound minimum ${fleet.boundSeconds.toFixed(1)} s `
                + `| ${ratio(fleet.cliRatio)} | ${fleet.sdkComplete === false ? 'never complete' : ratio(fleet.sdkRatio)} `
                + `| ${ratio(fleet.seconds / fleet.boundSeconds)} | ${loadCell(fleet.load)} |`);
        } else {
            lines.push(`| fleet scan | ${opt['fleet-accounts']} accounts | — | ${fleet?.status ?? 'not run'}${fleet?.why ? `: ${fleet.why}` : ''} | ${dash(6)} | ${loadCell(fleet?.load)} |`);
        }
    }
    const profiles = results.profiles;
    if (only.has('profiles') && profiles?.status === 'ok') {
        const kib = (bytes) => (bytes === null ? '?' : `${(bytes / 1024).toFixed(0)} KiB`);
        for (const row of profiles.rows) {
            lines.push(`| start-up with profiles | ${row.profiles} AWS CLI profiles (config ${kib(row.configBytes)}, credentials ${kib(row.credentialsBytes)}) | — | `
                + `window shown after ${fmt(row.shownMs)}, all profiles listed after ${fmt(row.listedMs)} (max ${fmt(row.maxListedMs)}), `
                + `peak RSS ${(row.peakRssKiB / 1024).toFixed(0)} MiB (n=${row.reps}) | ${dash(6)} | ${loadCell(row.load)} |`);
        }
    } else if (only.has('profiles')) {
        lines.push(`| start-up with profiles | ${profileSizes.join(', ')} profiles | — | ${profiles?.status ?? 'not run'}${profiles?.why ? `: ${profiles.why}` : ''} | ${dash(6)} | — |`);
    }
    return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

const startedAt = new Date();
results.machine = {
    cpu: cpus()[0]?.model, cores: cpus().length, memoryMiB: Math.round(totalmem() / 2 ** 20),
    kernel: release(), node: process.version, awsCli: awsCli.version ?? null,
    awsCliPath: awsCli.path, awsCliAppFlowModel: awsCli.model ?? null,
};
results.settings = {
    sizes, runsPerFlow, reps, cliReps, cliSample, concurrency, cancelFlows, cancelRunsPerFlow,
    peers, skipped, smoke: opt.smoke, only: [...only], profileSizes,
};
for (const [peer, why] of Object.entries(skipped)) log(`skipping ${peer}: ${why}`);
if (awsCli.path) log(`AWS CLI: ${awsCli.path}, ${awsCli.version}; AppFlow model: ${awsCli.model}`);
if (awsCli.path && !awsCli.hasCancel) log(`${awsCli.version} has no cancel-flow-executions: the CLI sits out the cancel workload`);

try {
    if (only.has('history')) for (const size of sizes) await historyWorkloads(size);
    if (only.has('cancel')) await cancelWorkload();
    const timed = async (work) => {
        const began = Date.now();
        const result = await work();
        return { ...result, load: loadBetween(began, Date.now()) };
    };
    if (only.has('merge')) results.modelMerge = await timed(modelMerge);
    if (only.has('cold-start')) results.coldStart = await timed(coldStart);
    if (only.has('memory')) results.memory = await timed(() => memory(sizes[0]));
    if (only.has('profiles')) results.profiles = await profilesStartup();
    if (only.has('cli-cold-start')) results.cliColdStart = await timed(cliColdStart);
    if (only.has('cancel-older')) await cancelOlderWorkload();
    if (only.has('fleet')) results.fleet = await timed(fleetScan);
} catch (error) {
    console.error(`[bench] FAILED: ${error.message}`);
    process.exitCode = 1;
}
results.startedAt = startedAt.toISOString();
results.finishedAt = new Date().toISOString();
results.loadSamples = loadSamples.map((s) => ({ at: new Date(s.at).toISOString(), load1: s.load1 }));
results.table = table();
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2));
console.log(results.table);
console.log('');
if (results.rows.some((row) => row.peers['aws-cli']?.extrapolatedFrom))
    console.log(`* AWS CLI at more than ${cliSample} flows: measured over the first ${cliSample} flows' histories `
        + '(after listing all flows), the per-flow part scaled to every flow; one process per request makes it linear.');
if (results.fleet?.status === 'ok') {
    const fleet = results.fleet;
    console.log(`Fleet scan: one run each, every peer on a fresh flowdesk-sim started with bench_fleetscan's arguments; `
        + 'time from the first portal request until the scan ended (every active run it could read is in view); throttled '
        + 'answers and requests from each simulator\'s request log, Flowdesk\'s for the scan alone (not its auto-refresh); '
        + 'failed calls are calls that were still errors after the client\'s retries (regions an account has not enabled '
        + 'are not counted: the simulator disables them on purpose). '
        + (fleet.peers['aws-cli']?.extrapolatedFrom
            ? `* AWS CLI: ${fleet.peers['aws-cli'].extrapolatedFrom}: the account listing is complete, the loop over the first `
                + `${fleet.peers['aws-cli'].accountsDone} accounts is timed and scaled to all ${fleet.accounts} (one process per request, `
                + 'one account after the other makes it linear; the accounts with a disabled region, 1 in 7, make about '
                + 'half the requests, so at 500 accounts the scaling errs on the slow side by up to about 7 %). '
            : '')
        + (fleet.peers['sdk-js']?.firstError ? `JS SDK first error: ${fleet.peers['sdk-js'].firstError}` : ''));
}
console.log(`Medians of ${reps} repetitions (AWS CLI: ${cliReps}, or 1 where sampled). Floor: the simulator's `
    + 'handler time summed over Flowdesk\'s requests / the CPU time the one-threaded simulator spent on them. '
    + `Load: 1-minute load average on ${cpus().length} cores during the row. Results: ${path.join(outDir, 'results.json')}`);
