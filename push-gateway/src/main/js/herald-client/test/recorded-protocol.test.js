// The client against conversations recorded from the real gateway
// (push-gateway's RecordedProtocolTest records test/recorded/*.json and fails when the
// gateway no longer speaks them): the client sends what the gateway expects, in that
// order, and hands on what the gateway sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { HeraldClient } from '../herald-client.js';
import { fakeTransportClass, settle } from '../testing/fake-transport.js';

const PING_INTERVAL_MS = 25000;

function recording(name) {
  return JSON.parse(readFileSync(new URL(`./recorded/${name}`, import.meta.url), 'utf8'));
}

/** A client on a fake WebSocket, recording its callbacks. */
function clientFor(t, options = {}) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const WebSocket = fakeTransportClass();
  const calls = [];
  const record = (name) => (...args) => calls.push([name, ...args]);
  const tokens = [];
  const client = new HeraldClient({
    url: 'http://push.example',
    locale: 'en',
    WebSocket,
    tokenProvider: async () => { tokens.push('<token>'); return '<token>'; },
    pingIntervalMs: PING_INTERVAL_MS,
    onNotification: record('notification'),
    onState: record('state'),
    onUnreadCount: record('unread'),
    onUnseenCount: record('unseen'),
    onStatus: record('status'),
    onResync: record('resync'),
    onError: record('error'),
    ...options,
  });
  return { client, WebSocket, calls, tokens };
}

/**
 * Plays a recording: the gateway's frames and close are fed to the client; each frame the
 * client sends must be the next one recorded. Commands the client sends only when asked
 * are asked for; pings come when the ping interval passes.
 */
async function replay(t, client, socket, steps) {
  let sent = 0;
  for (const step of steps) {
    if (step.send) {
      if (socket.sent.length === sent) ask(t, client, step.send);
      assert.deepEqual(socket.sent[sent], step.send, `frame ${sent} the client sent`);
      sent++;
    } else if (step.receive) {
      socket.receive(step.receive);
    } else if (step.close) {
      socket.serverClose(step.close.code, step.close.reason);
    }
  }
  assert.equal(socket.sent.length, sent, 'the client sent nothing more');
}

function ask(t, client, frame) {
  switch (frame.type) {
    case 'mark_read': return client.markRead(frame.ids);
    case 'mark_all_read': return client.markAllRead();
    case 'mark_seen': return client.markSeen(frame.ids);
    case 'ping': return t.mock.timers.tick(PING_INTERVAL_MS);
    default: return undefined;
  }
}

test('sends the token in its first frame, not in the URL, then resumes, and hands on every change once', async (t) => {
  const { steps, path } = recording('first-frame-auth.json');
  const { client, WebSocket, calls } = clientFor(t, { since: 0 });

  client.start();
  await settle();
  const socket = WebSocket.last;
  assert.equal(socket.url, 'ws://push.example' + path);
  assert.doesNotMatch(socket.url, /access_token|token/);
  socket.open();
  await replay(t, client, socket, steps);

  const notifications = calls.filter(([name]) => name === 'notification');
  assert.deepEqual(notifications.map(([, n]) => n.id),
    steps.filter((s) => s.receive?.type === 'notification').map((s) => s.receive.notification.id));
  assert.deepEqual(notifications.map(([, , frame]) => frame.seq), [1, 2]);
  assert.equal(notifications[0][1].text, 'alice reacted ❤️ to Sunset');
  assert.deepEqual(calls.filter(([name]) => name === 'state').map(([, frame]) => frame.change), ['all_read', 'seen']);
  assert.deepEqual(calls.filter(([name]) => name === 'unread').map(([, count]) => count), [1, 1, 2, 0, 0]);
  assert.deepEqual(calls.filter(([name]) => name === 'unseen').map(([, count]) => count), [1, 1, 2, 0, 0]);
  assert.deepEqual(calls.filter(([name]) => name === 'status').map(([, status]) => status), ['connecting', 'online']);
  assert.equal(client.lastSeq, 4);

  // the same change again (another tab's catch-up, a replay): not handed on twice
  socket.receive(steps.find((s) => s.receive?.seq === 2).receive);
  assert.equal(calls.filter(([name]) => name === 'notification').length, 2);
  client.stop();
});

test('a refused token (4401) is not a blocked WebSocket: reconnects with backoff and a fresh token', async (t) => {
  const { steps, path } = recording('invalid-token.json');
  const { client, WebSocket, calls, tokens } = clientFor(t);
  t.mock.method(Math, 'random', () => 0.5);

  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt === 0) client.start();
    else t.mock.timers.tick(Math.min(30000, 1000 * 2 ** (attempt - 1)) * 0.5);
    await settle();
    const socket = WebSocket.last;
    assert.equal(WebSocket.instances.length, attempt + 1, `connection ${attempt + 1}`);
    assert.equal(socket.url, 'ws://push.example' + path, 'still WebSocket, not SockJS');
    socket.open();
    await replay(t, client, socket, steps);
    assert.equal(client.status, 'offline');
  }
  assert.equal(tokens.length, 4, 'a token asked for each connection');
  assert.equal(client.transportName, 'websocket');
  assert.equal(calls.filter(([name]) => name === 'notification').length, 0);
  client.stop();
});

test("tokenIn: 'query' (deprecated) puts the token in the URL and sends no auth frame", async (t) => {
  const { steps, path } = recording('query-token.json');
  const { client, WebSocket, calls } = clientFor(t, { tokenIn: 'query' });

  client.start();
  await settle();
  const socket = WebSocket.last;
  assert.equal(decodeURIComponent(socket.url), 'ws://push.example' + path);
  socket.open();
  // resume goes at once, whether the gateway's hello came first (as recorded) or not
  assert.deepEqual(socket.sent, [{ type: 'resume' }]);
  await replay(t, client, socket, steps);

  assert.deepEqual(calls.filter(([name]) => name === 'notification').map(([, , frame]) => frame.seq), [2]);
  client.stop();
});
