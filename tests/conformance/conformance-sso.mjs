// Conformance of the simulator's IAM Identity Center: the official AWS SDK for JavaScript v3
// portal and OIDC clients (@aws-sdk/client-sso, @aws-sdk/client-sso-oidc, pinned in
// package.json), unmodified, against the real flowdesk-sim with --accounts and --regions. The
// SDK serializes and parses exactly as it does against AWS; only the endpoint points at the
// simulator. If the simulator's JSON drifted from the models in ../shared/reference/sso*/,
// these clients would say so.
//
// Usage: node conformance-sso.mjs PATH/TO/flowdesk-sim
// Exit status: 0 all checks passed, 1 a check failed, 77 the SDK is not installed (skip).

import { randomBytes } from 'node:crypto';
import { startSimulator } from './start-sim.mjs';
import assert from 'node:assert/strict';

let sso;
let oidc;
try {
  sso = await import('@aws-sdk/client-sso');
  oidc = await import('@aws-sdk/client-sso-oidc');
} catch (error) {
  console.error('@aws-sdk/client-sso(-oidc) is not installed here: run ./dev deps '
    + '(npm ci in tests/conformance). ' + error.message);
  process.exit(77);
}
const { SSOClient, ListAccountsCommand, ListAccountRolesCommand, GetRoleCredentialsCommand,
  LogoutCommand, paginateListAccounts } = sso;
const { SSOOIDCClient, CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } = oidc;

const simPath = process.argv[2];
if (!simPath) {
  console.error('usage: node conformance-sso.mjs PATH/TO/flowdesk-sim');
  process.exit(2);
}

const token = `conformance-${randomBytes(12).toString('hex')}`;
const client = { id: 'conformance-client', secret: randomBytes(16).toString('hex'), refresh: 'refresh-0' };
const { endpoint, stop: stopSim } = await startSimulator(simPath, [
  '--accounts', '120', '--regions', 'us-east-1,eu-west-1', '--seed', '9', '--sso-access-token', token,
  '--sso-client', `${client.id}:${client.secret}:${client.refresh}`], randomBytes(30).toString('base64'));

const portal = new SSOClient({ region: 'us-east-1', endpoint, maxAttempts: 1 });
const oidcClient = new SSOOIDCClient({ region: 'us-east-1', endpoint, maxAttempts: 1 });

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
async function rejectsWith(promise, name) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    return true;
  });
}

let accounts = [];
await check('ListAccounts: every account over pages (SDK paginator, pageSize 100)', async () => {
  for await (const page of paginateListAccounts({ client: portal, pageSize: 100 }, { accessToken: token })) {
    assert.ok(page.accountList.length <= 100);
    accounts.push(...page.accountList);
  }
  assert.equal(accounts.length, 120);
  assert.equal(new Set(accounts.map((a) => a.accountId)).size, 120, 'no account twice');
  for (const account of accounts) {
    assert.match(account.accountId, /^\d{12}$/);
    assert.ok(account.accountName && account.emailAddress.includes('@'));
  }
});

await check('ListAccountRoles: the roles of an account, AppFlowDenied among every fifth', async () => {
  const roles = await portal.send(new ListAccountRolesCommand({ accessToken: token, accountId: accounts[4].accountId }));
  const names = roles.roleList.map((r) => r.roleName);
  assert.ok(names.includes('FlowdeskOperator') && names.includes('AppFlowDenied'), names.join(','));
  assert.ok(roles.roleList.every((r) => r.accountId === accounts[4].accountId));
});

await check('GetRoleCredentials: credentials with an expiration in epoch milliseconds', async () => {
  const answer = await portal.send(new GetRoleCredentialsCommand({
    accessToken: token, accountId: accounts[0].accountId, roleName: 'FlowdeskOperator' }));
  const c = answer.roleCredentials;
  assert.match(c.accessKeyId, /^ASIA/);
  assert.ok(c.secretAccessKey.length >= 40 && c.sessionToken.length > 0);
  assert.equal(typeof c.expiration, 'number');
  assert.ok(c.expiration > Date.now() + 30 * 60 * 1000 && c.expiration < Date.now() + 24 * 3600 * 1000, String(c.expiration));
});

await check('Errors as the sso model names them', async () => {
  await rejectsWith(portal.send(new GetRoleCredentialsCommand({
    accessToken: token, accountId: accounts[0].accountId, roleName: 'Administrator' })), 'ForbiddenException');
  await rejectsWith(portal.send(new ListAccountsCommand({ accessToken: 'not-a-token' })), 'UnauthorizedException');
  await rejectsWith(portal.send(new ListAccountsCommand({ accessToken: token, maxResults: 101 })), 'InvalidRequestException');
  await rejectsWith(portal.send(new ListAccountRolesCommand({ accessToken: token, accountId: '999999999999' })),
    'ResourceNotFoundException');
});

await check('The portal throttles at its rate: TooManyRequestsException', async () => {
  const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) =>
    portal.send(new ListAccountRolesCommand({ accessToken: token, accountId: accounts[i % 120].accountId }))));
  const throttled = results.filter((r) => r.status === 'rejected');
  assert.ok(throttled.length > 0, 'the 20 TPS portal limit never answered 429');
  for (const r of throttled) {
    assert.equal(r.reason.name, 'TooManyRequestsException');
    assert.equal(r.reason.$metadata.httpStatusCode, 429);
  }
  await new Promise((resolve) => setTimeout(resolve, 1500)); // let the bucket refill
});

await check('CreateToken (refresh_token): a new access and refresh token; the old refresh token is spent', async () => {
  const renewed = await oidcClient.send(new CreateTokenCommand({
    clientId: client.id, clientSecret: client.secret, grantType: 'refresh_token', refreshToken: client.refresh }));
  assert.ok(renewed.accessToken && renewed.refreshToken && renewed.refreshToken !== client.refresh);
  assert.equal(renewed.tokenType, 'Bearer');
  assert.ok(renewed.expiresIn > 3600);
  await portal.send(new ListAccountsCommand({ accessToken: renewed.accessToken, maxResults: 1 }));
  await rejectsWith(oidcClient.send(new CreateTokenCommand({
    clientId: client.id, clientSecret: client.secret, grantType: 'refresh_token', refreshToken: client.refresh })),
  'InvalidGrantException');
  await rejectsWith(oidcClient.send(new CreateTokenCommand({
    clientId: client.id, clientSecret: 'wrong', grantType: 'refresh_token', refreshToken: renewed.refreshToken })),
  'InvalidClientException');
});

await check('Device authorization: RegisterClient, StartDeviceAuthorization, pending, approved in the browser', async () => {
  const registered = await oidcClient.send(new RegisterClientCommand({
    clientName: 'conformance', clientType: 'public', scopes: ['sso:account:access'] }));
  assert.ok(registered.clientId && registered.clientSecret);
  assert.ok(registered.clientSecretExpiresAt > Date.now() / 1000 + 80 * 86400, 'expiry in epoch seconds');
  const started = await oidcClient.send(new StartDeviceAuthorizationCommand({
    clientId: registered.clientId, clientSecret: registered.clientSecret, startUrl: 'https://corp.awsapps.com/start' }));
  assert.match(started.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
  assert.ok(started.verificationUriComplete.includes(started.userCode));
  assert.ok(started.interval >= 1 && started.expiresIn >= 60);
  const grant = { clientId: registered.clientId, clientSecret: registered.clientSecret,
    grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: started.deviceCode };
  await rejectsWith(oidcClient.send(new CreateTokenCommand(grant)), 'AuthorizationPendingException');
  await rejectsWith(oidcClient.send(new CreateTokenCommand(grant)), 'SlowDownException'); // at once again
  const page = await fetch(started.verificationUriComplete);
  assert.equal(page.status, 200);
  await new Promise((resolve) => setTimeout(resolve, started.interval * 1000));
  const created = await oidcClient.send(new CreateTokenCommand(grant));
  assert.ok(created.accessToken && created.refreshToken && created.expiresIn > 0);
  const listed = await portal.send(new ListAccountsCommand({ accessToken: created.accessToken, maxResults: 5 }));
  assert.equal(listed.accountList.length, 5);
  assert.ok(listed.nextToken, 'more pages');
  await rejectsWith(oidcClient.send(new CreateTokenCommand(grant)), 'InvalidGrantException'); // used once
});

await check('Logout answers as the model says', async () => {
  const answer = await portal.send(new LogoutCommand({ accessToken: token }));
  assert.equal(answer.$metadata.httpStatusCode, 200);
});

stopSim();
console.log(failures === 0 ? 'all IAM Identity Center conformance checks passed' : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
