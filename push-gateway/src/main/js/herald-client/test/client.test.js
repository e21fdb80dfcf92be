// How the client behaves around connections: reconnects, backoff, fallback, stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CloseCode, HeraldClient } from '../herald-client.js';
import { fakeTransportClass, settle } from '../testing/fake-transport.js';

function setUp(t, options = {}) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  t.mock.method(Math, 'random', () => 0.5);
  const WebSocket = fakeTransportClass();
  const SockJS = fakeTransportClass();
  const calls = [];
  const record = (name) => (...args) => calls.push([name, ...args]);
  let tokens = 0;
  const client = new HeraldClient({
    url: 'https://push.example/',
    locale: 'pt-BR',
    WebSocket,
    SockJS,
    tokenProvider: async () => `token-${++tokens}`,
    onNotification: record('notification'),
    onState: record('state'),
    onStatus: record('status'),
    onResync: record('resync'),
    onError: record('error'),
    ...options,
  });
  return { client, WebSocket, SockJS, calls, tokens: () => tokens };
}

async function connected(Transport) {
  await settle();
  const socket = Transport.last;
  socket.open();
  return socket;
}

const hello = (seq) => ({ type: 'hello', seq, unreadCount: 0, unseenCount: 0 });
const created = (seq, id = `n${seq}`, updatedAt = '2026-12-04T10:00:00Z') => ({
  type: 'notification', seq, change: 'created', unreadCount: 1, unseenCount: 1,
  notification: { id, updatedAt, text: 'hi' },
});

test('the first frame is auth with a fresh token for each connection, and reconnects resume from the last seq', async (t) => {
  const { client, WebSocket } = setUp(t);
  client.start();
  const first = await connected(WebSocket);
  assert.equal(first.url, 'wss://push.example/v1/ws?locale=pt-BR');
  assert.deepEqual(first.sent, [{ type: 'auth', token: 'token-1' }, { type: 'resume' }]);
  first.receive(hello(5));
  first.receive(created(6));

  first.serverClose(1006);
  t.mock.timers.tick(500); // backoff: random (0.5) × 1 s
  const second = await connected(WebSocket);

  assert.deepEqual(second.sent, [{ type: 'auth', token: 'token-2' }, { type: 'resume', since: 6 }]);
  client.stop();
});

test('repeats are dropped by seq and by notification id and updatedAt', async (t) => {
  const { client, WebSocket, calls } = setUp(t);
  client.start();
  const socket = await connected(WebSocket);
  socket.receive(hello(0));
  socket.receive(created(1, 'a'));
  socket.receive(created(1, 'a'));
  socket.receive(created(2, 'a')); // same version of a under a later seq (a catch-up overlap)
  socket.receive(created(3, 'a', '2026-12-04T10:05:00Z'));

  assert.deepEqual(calls.filter(([name]) => name === 'notification').map(([, , frame]) => frame.seq), [1, 3]);
  client.stop();
});

test('a restarting gateway (1012) is reconnected to after the delay its reason names', async (t) => {
  const { client, WebSocket } = setUp(t);
  client.start();
  const socket = await connected(WebSocket);
  socket.receive(hello(1));

  socket.serverClose(CloseCode.SERVICE_RESTART, 'service restart, reconnect in 4321 ms');
  t.mock.timers.tick(4320);
  await settle();
  assert.equal(WebSocket.instances.length, 1);
  t.mock.timers.tick(1);
  await settle();

  assert.equal(WebSocket.instances.length, 2);
  client.stop();
});

test('too many sessions (4003) stays offline; an expired token (4001) reconnects within the base delay', async (t) => {
  const { client, WebSocket } = setUp(t);
  client.start();
  const socket = await connected(WebSocket);
  socket.receive(hello(1));
  socket.serverClose(CloseCode.TOKEN_EXPIRED, 'token expired');
  t.mock.timers.tick(500);
  const again = await connected(WebSocket);
  assert.deepEqual(again.sent[0], { type: 'auth', token: 'token-2' });

  again.serverClose(CloseCode.SESSION_LIMIT, 'too many sessions');
  t.mock.timers.tick(60000);
  await settle();

  assert.equal(WebSocket.instances.length, 2);
  assert.equal(client.status, 'offline');
});

test('after three WebSocket attempts without hello it falls back to SockJS, and authenticates there the same way', async (t) => {
  const { client, WebSocket, SockJS } = setUp(t);
  client.start();
  for (let attempt = 0; attempt < 3; attempt++) {
    await settle();
    WebSocket.last.serverClose(1006); // blocked before the upgrade
    t.mock.timers.tick(30000);
  }
  const socket = await connected(SockJS);

  assert.equal(WebSocket.instances.length, 3);
  assert.equal(client.transportName, 'sockjs');
  assert.equal(socket.url, 'https://push.example/v1/sockjs?locale=pt-BR');
  assert.deepEqual(socket.options, { transports: ['xhr-streaming', 'xhr-polling'] });
  assert.deepEqual(socket.sent, [{ type: 'auth', token: 'token-4' }, { type: 'resume' }]);
  client.stop();
});

test('after a fallback it tries WebSocket again while on SockJS, and goes back to it once a handshake opens', async (t) => {
  const { client, WebSocket, SockJS } = setUp(t, { webSocketProbeMs: 10000 });
  client.start();
  for (let attempt = 0; attempt < 3; attempt++) {
    await settle();
    WebSocket.last.serverClose(1006);
    t.mock.timers.tick(30000);
  }
  const sockJs = await connected(SockJS);
  sockJs.receive(hello(4));
  assert.equal(client.transportName, 'sockjs');

  t.mock.timers.tick(10000); // the probe (jitter 0.75 + 0.5 × 0.5 of 10 s)
  const blocked = WebSocket.last;
  assert.equal(WebSocket.instances.length, 4);
  assert.deepEqual(blocked.sent, [], 'a probe sends nothing, no token');
  blocked.serverClose(1006); // still blocked: SockJS stays, the next probe comes later
  assert.equal(client.transportName, 'sockjs');
  assert.equal(sockJs.closedBy, null);

  t.mock.timers.tick(10000);
  const probe = WebSocket.last;
  assert.equal(WebSocket.instances.length, 5);
  probe.open(); // WebSocket gets through again
  assert.deepEqual(probe.closedBy, { code: 1000, reason: 'probe done' });
  assert.deepEqual(sockJs.closedBy, { code: 1000, reason: 'back to websocket' });
  assert.equal(client.transportName, 'websocket');
  const socket = await connected(WebSocket);
  assert.equal(WebSocket.instances.length, 6);
  assert.deepEqual(socket.sent, [{ type: 'auth', token: 'token-5' }, { type: 'resume', since: 4 }]);
  socket.receive(hello(4));
  t.mock.timers.tick(60000);
  assert.equal(WebSocket.instances.length, 6, 'no probing once back on WebSocket');
  client.stop();
});

test('a client asked for SockJS (transport: sockjs) never probes WebSocket', async (t) => {
  const { client, WebSocket, SockJS } = setUp(t, { transport: 'sockjs', webSocketProbeMs: 1000 });
  client.start();
  const socket = await connected(SockJS);
  socket.receive(hello(1));
  t.mock.timers.tick(60000);
  assert.equal(WebSocket.instances.length, 0);
  client.stop();
});

test('pings every ping interval while connected, and stops when closed', async (t) => {
  const { client, WebSocket } = setUp(t, { pingIntervalMs: 1000 });
  client.start();
  const socket = await connected(WebSocket);
  socket.receive(hello(0));
  t.mock.timers.tick(3000);
  assert.equal(socket.sent.filter((frame) => frame.type === 'ping').length, 3);

  client.stop();
  t.mock.timers.tick(3000);
  assert.equal(socket.sent.filter((frame) => frame.type === 'ping').length, 3);
  assert.deepEqual(socket.closedBy, { code: 1000, reason: 'client stopped' });
});

test('stop while the token is on its way opens nothing; commands while offline are not sent', async (t) => {
  let release;
  const { client, WebSocket, calls } = setUp(t, { tokenProvider: () => new Promise((resolve) => { release = resolve; }) });
  client.start();
  client.stop();
  release('late-token');
  await settle();

  assert.equal(WebSocket.instances.length, 0);
  assert.equal(client.markRead(['a']), false);
  assert.equal(client.markAllRead(), false);
  assert.equal(client.markSeen(), false);
  assert.deepEqual(calls.filter(([name]) => name === 'status').map(([, s]) => s), ['connecting', 'offline']);
});

test('a token provider that fails is reported and retried with backoff', async (t) => {
  let calls = 0;
  const errors = [];
  const { client, WebSocket } = setUp(t, {
    tokenProvider: async () => { if (++calls === 1) throw new Error('no session'); return 'token'; },
    onError: (error) => errors.push(error),
  });
  client.start();
  await settle();
  assert.equal(errors[0].message, 'no session');
  t.mock.timers.tick(500);
  const socket = await connected(WebSocket);

  assert.deepEqual(socket.sent[0], { type: 'auth', token: 'token' });
  client.stop();
});

test('marks go out as the protocol says; error frames, resync and frames that are not JSON reach the callbacks', async (t) => {
  const { client, WebSocket, calls } = setUp(t);
  client.start();
  const socket = await connected(WebSocket);
  socket.receive(hello(3));
  socket.sent.length = 0;

  assert.equal(client.markRead(['a', 'b']), true);
  client.markAllRead();
  client.markSeen();
  client.markSeen(['a']);
  assert.deepEqual(socket.sent, [
    { type: 'mark_read', ids: ['a', 'b'] }, { type: 'mark_all_read' }, { type: 'mark_seen' }, { type: 'mark_seen', ids: ['a'] },
  ]);
  socket.receive({ type: 'error', code: 'rate_limited', message: 'Too many messages' });
  socket.receive({ type: 'resync', seq: 90 });
  socket.receive('not json');

  const errors = calls.filter(([name]) => name === 'error').map(([, e]) => e);
  assert.equal(errors[0].code, 'rate_limited');
  assert.ok(errors[1] instanceof SyntaxError);
  assert.deepEqual(calls.find(([name]) => name === 'resync')[1], { type: 'resync', seq: 90 });
  assert.equal(client.lastSeq, 90);
  client.stop();
});

test('options are checked when the client is made', () => {
  assert.throws(() => new HeraldClient({ url: 'http://x' }), /tokenProvider/);
  assert.throws(() => new HeraldClient({ tokenProvider: () => 't' }), /url is required/);
  assert.throws(() => new HeraldClient({ url: 'http://x', tokenProvider: () => 't', tokenIn: 'header' }), /tokenIn/);
});

const noWebSocketHere = { skip: globalThis.WebSocket ? 'this runtime has a WebSocket of its own' : false };

test('without a WebSocket class (Node 20, no options.WebSocket) the error says what to pass', noWebSocketHere, async (t) => {
  const errors = [];
  const client = new HeraldClient({ url: 'http://x', tokenProvider: () => 't', onError: (e) => errors.push(e) });
  t.mock.timers.enable({ apis: ['setTimeout'] });
  client.start();
  await settle();
  assert.match(errors[0].message, /options\.WebSocket/);
  client.stop();
});
