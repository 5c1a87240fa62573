// Conformance: the official AWS SDK for JavaScript v3 AppFlow client, unmodified, against the
// real flowdesk-sim executable. The SDK signs, serializes and parses exactly as it does against
// AWS; only the endpoint and static credentials point it at the simulator.
//
// Usage: node conformance.mjs PATH/TO/flowdesk-sim
// Exit status: 0 all checks passed, 1 a check failed, 77 the SDK is not installed (skip).

import { randomBytes } from 'node:crypto';
import { startSimulator } from './start-sim.mjs';
import assert from 'node:assert/strict';

let sdk;
try {
  sdk = await import('@aws-sdk/client-appflow');
} catch (error) {
  console.error('@aws-sdk/client-appflow is not installed here: run ./dev deps '
    + '(npm ci in tests/conformance). ' + error.message);
  process.exit(77);
}
const {
  AppflowClient, ListFlowsCommand, DescribeFlowCommand, DescribeFlowExecutionRecordsCommand,
  CancelFlowExecutionsCommand, StartFlowCommand, StopFlowCommand, paginateListFlows,
  paginateDescribeFlowExecutionRecords,
} = sdk;

const simPath = process.argv[2];
if (!simPath) {
  console.error('usage: node conformance.mjs PATH/TO/flowdesk-sim');
  process.exit(2);
}

const accessKeyId = 'AKIACONFORMANCE00001';
const secretAccessKey = randomBytes(30).toString('base64');
const { endpoint, stop: stopSim } = await startSimulator(
  simPath, ['--access-key-id', accessKeyId, '--speed', '20', '--seed', '3'], secretAccessKey);

const client = (secret = secretAccessKey) => new AppflowClient({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId, secretAccessKey: secret },
  maxAttempts: 1,
});
const appflow = client();

let failures = 0;
async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${name}: ${error.stack || error}`);
  }
}

async function allRecords(flowName) {
  const records = [];
  for await (const page of paginateDescribeFlowExecutionRecords(
    { client: appflow, pageSize: 7 }, { flowName })) {
    records.push(...(page.flowExecutions ?? []));
  }
  return records;
}

await check('ListFlows pages with nextToken (SDK paginator, pageSize 3)', async () => {
  const names = [];
  for await (const page of paginateListFlows({ client: appflow, pageSize: 3 }, {})) {
    assert.ok(page.flows.length <= 3);
    names.push(...page.flows.map((flow) => flow.flowName));
  }
  assert.ok(names.length >= 8, `only ${names.length} flows`);
  assert.equal(new Set(names).size, names.length, 'no flow twice');
  const single = await appflow.send(new ListFlowsCommand({}));
  assert.equal(single.flows.length, names.length, 'default page holds all demo flows');
  const flow = single.flows.find((f) => f.flowName === 'sf-accounts-hourly-to-s3');
  assert.ok(flow.createdAt instanceof Date && flow.createdAt.getFullYear() >= 2020);
  assert.equal(flow.triggerType, 'Scheduled');
  assert.ok(['InProgress', 'Successful', 'Error', 'CancelStarted', 'Canceled']
    .includes(flow.lastRunExecutionDetails.mostRecentExecutionStatus));
  assert.ok(single.$metadata.requestId, 'x-amzn-RequestId reaches $metadata');
});

await check('DescribeFlow parses every member the SDK knows', async () => {
  const flow = await appflow.send(new DescribeFlowCommand({ flowName: 'sf-opportunities-bulk-to-redshift' }));
  assert.equal(flow.flowStatus, 'Active');
  assert.equal(flow.sourceFlowConfig.sourceConnectorProperties.Salesforce.dataTransferApi, 'BULKV2');
  assert.equal(flow.destinationFlowConfigList[0].connectorType, 'Redshift');
  assert.equal(flow.triggerConfig.triggerProperties.Scheduled.scheduleExpression, 'rate(30minutes)');
  assert.ok(flow.lastUpdatedAt instanceof Date);
  assert.ok(flow.tasks.length > 0);
});

await check('DescribeFlowExecutionRecords: newest first, Dates, errorInfo', async () => {
  const records = await allRecords('sf-opportunities-bulk-to-redshift');
  assert.ok(records.length > 20, `only ${records.length} records`);
  for (let i = 1; i < records.length; i += 1) {
    assert.ok(records[i - 1].startedAt >= records[i].startedAt, 'newest first');
  }
  assert.ok(records.every((r) => r.startedAt instanceof Date));
  const failed = records.find((r) => r.executionStatus === 'Error');
  assert.ok(failed.executionResult.errorInfo.executionMessage.length > 0);
  assert.equal(typeof failed.executionResult.recordsProcessed, 'number');
});

await check('CancelFlowExecutions with IDs: in-progress cancelled, finished ones invalid', async () => {
  const flowName = 'zendesk-tickets-to-s3';
  const records = await allRecords(flowName);
  const running = records.find((r) => r.executionStatus === 'InProgress');
  const finished = records.find((r) => r.executionStatus === 'Successful');
  const answer = await appflow.send(new CancelFlowExecutionsCommand({
    flowName, executionIds: [running.executionId, finished.executionId, 'no-such-execution'],
  }));
  assert.deepEqual(answer.invalidExecutions, [finished.executionId, 'no-such-execution']);
  const after = (await allRecords(flowName)).find((r) => r.executionId === running.executionId);
  assert.ok(['CancelStarted', 'Canceled'].includes(after.executionStatus), after.executionStatus);
});

await check('CancelFlowExecutions without IDs cancels every active run', async () => {
  const flowName = 'sf-accounts-hourly-to-s3';
  const before = (await allRecords(flowName)).filter((r) => r.executionStatus === 'InProgress');
  assert.ok(before.length >= 2, `${before.length} runs in progress`);
  const answer = await appflow.send(new CancelFlowExecutionsCommand({ flowName }));
  assert.ok(!answer.invalidExecutions || answer.invalidExecutions.length === 0);
  const after = await allRecords(flowName);
  for (const run of before) {
    const now = after.find((r) => r.executionId === run.executionId);
    assert.ok(['CancelStarted', 'Canceled'].includes(now.executionStatus), now.executionStatus);
  }
});

await check('StartFlow on demand returns an execution ID; StopFlow on demand is unsupported', async () => {
  const flowName = 's3-partner-leads-to-salesforce';
  const started = await appflow.send(new StartFlowCommand({ flowName }));
  assert.ok(started.executionId, 'executionId');
  assert.equal(started.flowStatus, 'Active');
  await assert.rejects(appflow.send(new StopFlowCommand({ flowName })),
    (error) => error.name === 'UnsupportedOperationException' && error.$metadata.httpStatusCode === 400);
});

await check('Unknown flow is ResourceNotFoundException', async () => {
  await assert.rejects(appflow.send(new DescribeFlowCommand({ flowName: 'no-such-flow' })),
    (error) => error.name === 'ResourceNotFoundException' && error.$metadata.httpStatusCode === 404);
});

await check('maxResults out of range is ValidationException naming the field', async () => {
  await assert.rejects(appflow.send(new ListFlowsCommand({ maxResults: 101 })),
    (error) => error.name === 'ValidationException' && /maxResults/.test(error.message));
});

await check('A wrong secret is rejected with InvalidSignatureException', async () => {
  await assert.rejects(client(randomBytes(30).toString('base64')).send(new ListFlowsCommand({})),
    (error) => error.name === 'InvalidSignatureException'
      && error.$metadata.httpStatusCode === 403
      && /does not match the signature you provided/.test(error.message));
});

stopSim();
console.log(failures === 0 ? 'conformance: all checks passed' : `conformance: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
