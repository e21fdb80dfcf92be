// Browser-like WebSocket clients for Herald's benchmarks, driven by ClientFleet.java
// over stdin/stdout, one line per command or event.
//
// Like a browser with herald-client.js, each client offers
// "permessage-deflate; client_max_window_bits" (the ws default, as Chrome and Firefox
// do), sends an Origin, sends {"type":"resume"} once open, answers WebSocket pings,
// and sends {"type":"ping"} every 25 s. It does not reconnect: a closed client is
// reported and stays closed, so the benchmark sees every refusal.
//
// Arrival times are process.hrtime.bigint(), CLOCK_MONOTONIC on Linux, the clock of
// Java's System.nanoTime(), so the Java side can compare them with its own times.
//
// stdin:  open <id> <localAddress> <token>   opens one client
//         drop                               closes every client (1001, like a closed tab)
//         exit                               closes every client and exits
// stdout: O <id> <extensions or ->            the upgrade was answered; what it negotiated
//         H <id> <nanos> <seq> <unread>       hello
//         N <id> <nanos> <frame json>         a notification frame with a seq not seen before
//         D <id> <seq>                        a notification frame seen before (not handed on)
//         C <id> <nanos> <code> <greeted 0|1> closed by the server or the network
//         E <id> <message>                    never opened (refused, 401, 503, timeout)
//         X <count>                           answer to drop: this many clients were open
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const url = process.env.FLEET_URL;
const origin = process.env.FLEET_ORIGIN ?? 'http://localhost:8080';
const deflate = process.env.FLEET_DEFLATE !== 'false';
const maxConnecting = Number(process.env.FLEET_CONNECTING ?? 1000);
const appPingMillis = Number(process.env.FLEET_APP_PING_MS ?? 25000);

const clients = new Map();
const waiting = [];
let connecting = 0;
const out = [];

function emit(line) {
  out.push(line);
  if (out.length === 1) {
    setImmediate(flush);
  }
}

function flush() {
  if (out.length > 0) {
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
}

function now() {
  return process.hrtime.bigint().toString();
}

function open(id, localAddress, token) {
  if (connecting >= maxConnecting) {
    waiting.push([id, localAddress, token]);
    return;
  }
  connecting++;
  let settled = false;
  const settle = () => {
    if (!settled) {
      settled = true;
      connecting--;
      const next = waiting.shift();
      if (next) {
        open(...next);
      }
    }
  };
  const client = { socket: null, greeted: false, seen: new Set(), timer: null };
  const socket = new WebSocket(`${url}?access_token=${token}`, {
    headers: { Origin: origin },
    localAddress,
    perMessageDeflate: deflate,
    handshakeTimeout: 60000,
  });
  client.socket = socket;
  clients.set(id, client);
  socket.on('upgrade', (response) => {
    settle();
    emit(`O ${id} ${response.headers['sec-websocket-extensions'] ?? '-'}`);
  });
  socket.on('open', () => {
    socket.send('{"type":"resume"}');
    if (appPingMillis > 0) {
      // first ping at a random point of the interval, as tabs open at random times
      client.timer = setTimeout(function ping() {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send('{"type":"ping"}');
          client.timer = setTimeout(ping, appPingMillis);
        }
      }, Math.random() * appPingMillis);
    }
  });
  socket.on('message', (data) => {
    const arrived = now();
    const text = data.toString();
    const frame = JSON.parse(text);
    if (frame.type === 'hello') {
      client.greeted = true;
      emit(`H ${id} ${arrived} ${frame.seq} ${frame.unreadCount}`);
    } else if (frame.type === 'notification') {
      if (client.seen.has(frame.seq)) {
        emit(`D ${id} ${frame.seq}`);
      } else {
        client.seen.add(frame.seq);
        emit(`N ${id} ${arrived} ${text}`);
      }
    }
  });
  socket.on('unexpected-response', (request, response) => {
    settle();
    emit(`E ${id} HTTP ${response.statusCode}`);
    clients.delete(id);
    request.destroy();
  });
  socket.on('error', (error) => {
    if (socket.readyState === WebSocket.CONNECTING || !settled) {
      settle();
      emit(`E ${id} ${String(error.message).replace(/\s+/g, ' ')}`);
      clients.delete(id);
    }
  });
  socket.on('close', (code) => {
    settle();
    clearTimeout(client.timer);
    if (clients.get(id) === client && !client.dropped) {
      emit(`C ${id} ${now()} ${code} ${client.greeted ? 1 : 0}`);
    }
    clients.delete(id);
  });
}

function drop() {
  waiting.length = 0;
  let count = 0;
  for (const client of clients.values()) {
    client.dropped = true;
    clearTimeout(client.timer);
    if (client.socket.readyState === WebSocket.OPEN) {
      count++;
      client.socket.close(1001);
      // a peer that does not answer the close is cut off, as a browser would
      setTimeout(() => client.socket.terminate(), 5000).unref();
    } else {
      client.socket.terminate();
    }
  }
  clients.clear();
  return count;
}

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const [command, ...args] = line.split(' ');
  if (command === 'open') {
    open(args[0], args[1], args[2]);
  } else if (command === 'drop') {
    emit(`X ${drop()}`);
  } else if (command === 'exit') {
    drop();
    flush();
    process.exit(0);
  }
});
input.on('close', () => {
  drop();
  flush();
  process.exit(0);
});
