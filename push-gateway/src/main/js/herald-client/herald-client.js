// herald-client: the Herald push gateway's browser client (an ES module, no build step,
// no dependencies). Published as the `herald-client` package; the gateway also serves
// this file at /herald-client.js. Types: index.d.ts; usage and a React hook: README.md.
//
//   import { HeraldClient } from 'herald-client'; // or from 'https://push.example.com/herald-client.js'
//   const client = new HeraldClient({
//     url: 'https://push.example.com',           // the gateway; default: this page's origin
//     since: 0,                                   // optional: replay kept history after this seq
//     transport: 'sockjs',                        // optional: skip WebSocket, use SockJS at once
//     tokenProvider: async () => fetchToken(),    // called before every (re)connect
//     onNotification: (n, frame) => {}, onState: (frame) => {},
//     onUnreadCount: (count) => {}, onUnseenCount: (count) => {}, // the badge: unseen since the bell was opened
//     onStatus: (status) => {},                   // connecting | online | offline
//   });
//   client.start(); client.markRead([id]); client.markAllRead(); client.markSeen(); client.stop();
//
// The token goes in the connection's first frame, {"type":"auth","token":…}, not in the
// URL (proxies and access logs keep URLs). `tokenIn: 'query'` sends it as the
// access_token query parameter instead, as clients before 1.0 did: deprecated, only for
// gateways that predate first-frame auth.
//
// State frames say what changed in frame.change: read, unread, deleted, all_read, seen,
// archived (the ids leave the default list) or unarchived (fetch them again to show them).
//
// Every text a notification carries (text, content.title, actors[].handle, commentPreview,
// message.title/body) is plain text: markup was stripped and entities decoded by ingest, so
// "<b>" in it is what someone typed. Insert it with textContent or document.createTextNode,
// never innerHTML; this client and the demo pages do so.

export const VERSION = '1.1.0';

/** Close codes the gateway uses, and what the client does on each (README.md). */
export const CloseCode = Object.freeze({
  TOKEN_EXPIRED: 4001, // reconnects at once with a fresh token
  IDLE_TIMEOUT: 4002,
  SESSION_LIMIT: 4003, // stays offline: the user opened too many tabs, this was the oldest
  SLOW_CONSUMER: 4008,
  UNAUTHORIZED: 4401, // no auth frame in time, not one first, or its token refused
  SERVICE_RESTART: 1012, // waits the delay the reason names
  TRY_AGAIN_LATER: 1013,
});

const OPEN = 1;

export class HeraldClient {
  constructor(options) {
    if (!options || typeof options.tokenProvider !== 'function') {
      throw new TypeError('HeraldClient: options.tokenProvider must be a function returning a token (or a promise of one)');
    }
    const origin = globalThis.location?.origin;
    if (!options.url && !origin) throw new TypeError('HeraldClient: options.url is required outside a browser page');
    if (options.tokenIn !== undefined && options.tokenIn !== 'frame' && options.tokenIn !== 'query') {
      throw new TypeError("HeraldClient: options.tokenIn is 'frame' or 'query'");
    }
    this.url = (options.url || origin).replace(/\/$/, '');
    this.tokenProvider = options.tokenProvider;
    this.tokenIn = options.tokenIn || 'frame';
    this.locale = options.locale || globalThis.navigator?.language || 'en';
    this.lastSeq = options.since ?? null;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30000;
    this.pingIntervalMs = options.pingIntervalMs ?? 25000;
    this.sockJsAfterFailures = options.sockJsAfterFailures ?? 3;
    this.webSocketProbeMs = options.webSocketProbeMs ?? 60000;
    this.sockJsUrl = options.sockJsUrl || this.url + '/webjars/sockjs-client/sockjs.min.js';
    this.WebSocket = options.WebSocket || null; // else globalThis.WebSocket, looked up when connecting
    this.SockJS = options.SockJS || null; // else globalThis.SockJS, loaded from sockJsUrl if missing
    this.callbacks = {
      onNotification: options.onNotification || (() => {}),
      onState: options.onState || (() => {}),
      onUnreadCount: options.onUnreadCount || (() => {}),
      onUnseenCount: options.onUnseenCount || (() => {}),
      onStatus: options.onStatus || (() => {}),
      onResync: options.onResync || (() => {}),
      onError: options.onError || (() => {}),
    };
    this.seenVersions = new Map(); // notification id -> updatedAt, to drop repeats
    this.attempt = 0;
    this.webSocketFailures = 0;
    this.useSockJs = options.transport === 'sockjs';
    this.fellBack = false; // on SockJS because WebSocket failed, not because it was asked for
    this.stopped = true;
    this.status = 'offline';
    this.transport = null;
    this.connection = 0; // counts connects and stops: a connect that was overtaken gives up
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.connection++;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.stopProbe();
    this.closeTransport(1000, 'client stopped');
    this.setStatus('offline');
  }

  markRead(ids) {
    return this.send({ type: 'mark_read', ids });
  }

  markAllRead() {
    return this.send({ type: 'mark_all_read' });
  }

  // Marks the given notifications seen, or all of them (call it when the user opens the bell).
  markSeen(ids) {
    return this.send(ids ? { type: 'mark_seen', ids } : { type: 'mark_seen' });
  }

  get transportName() {
    return this.useSockJs ? 'sockjs' : 'websocket';
  }

  async connect() {
    if (this.stopped) return;
    const connection = ++this.connection;
    this.setStatus('connecting');
    let token;
    try {
      token = await this.tokenProvider();
    } catch (error) {
      this.callbacks.onError(error);
      this.scheduleReconnect();
      return;
    }
    if (connection !== this.connection) return; // stopped or restarted while the token was on its way
    let query = '?locale=' + encodeURIComponent(this.locale);
    if (this.tokenIn === 'query') query += '&access_token=' + encodeURIComponent(token);
    let transport;
    try {
      transport = this.useSockJs ? await this.openSockJs(query) : this.openWebSocket(query);
    } catch (error) {
      this.callbacks.onError(error);
      this.useSockJs = false;
      this.scheduleReconnect();
      return;
    }
    if (connection !== this.connection) {
      transport.close(1000, 'client stopped');
      return;
    }
    this.transport = transport;
    this.greeted = false;
    transport.onopen = () => this.onOpen(transport, token);
    transport.onmessage = (event) => {
      if (transport === this.transport) this.onMessage(event.data);
    };
    transport.onclose = (event) => this.onClose(transport, event);
  }

  openWebSocket(query) {
    const WebSocketClass = this.WebSocket || globalThis.WebSocket;
    if (!WebSocketClass) throw new Error('No WebSocket here: pass options.WebSocket (for instance from the ws package)');
    return new WebSocketClass(this.url.replace(/^http/, 'ws') + '/v1/ws' + query);
  }

  async openSockJs(query) {
    let SockJSClass = this.SockJS || globalThis.SockJS;
    if (!SockJSClass) {
      await loadScript(this.sockJsUrl);
      SockJSClass = globalThis.SockJS;
    }
    return new SockJSClass(this.url + '/v1/sockjs' + query, null, { transports: ['xhr-streaming', 'xhr-polling'] });
  }

  onOpen(transport, token) {
    if (transport !== this.transport) return;
    // The token first (the gateway sends nothing before it), then where we are, before
    // the gateway sends anything live: it then sends what we missed, in order, followed
    // by live changes.
    if (this.tokenIn === 'frame') this.send({ type: 'auth', token });
    this.send(this.lastSeq === null ? { type: 'resume' } : { type: 'resume', since: this.lastSeq });
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.send({ type: 'ping' }), this.pingIntervalMs);
  }

  onMessage(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (error) {
      return this.callbacks.onError(error);
    }
    switch (frame.type) {
      case 'hello': return this.onHello(frame);
      case 'notification': return this.onChange(frame, () => this.onNotificationFrame(frame));
      case 'state': return this.onChange(frame, () => this.callbacks.onState(frame));
      case 'resync':
        this.lastSeq = frame.seq;
        this.seenVersions.clear();
        return this.callbacks.onResync(frame);
      case 'error': return this.callbacks.onError(frame);
      default: return undefined;
    }
  }

  onHello(frame) {
    this.greeted = true;
    this.attempt = 0;
    this.webSocketFailures = 0;
    if (this.lastSeq === null) this.lastSeq = frame.seq;
    this.setStatus('online');
    if (this.useSockJs && this.fellBack) this.scheduleProbe();
    this.callbacks.onUnreadCount(frame.unreadCount);
    this.callbacks.onUnseenCount(frame.unseenCount);
  }

  onChange(frame, deliver) {
    if (this.lastSeq !== null && frame.seq <= this.lastSeq) return; // seen already
    this.lastSeq = frame.seq;
    deliver();
    this.callbacks.onUnreadCount(frame.unreadCount);
    this.callbacks.onUnseenCount(frame.unseenCount);
  }

  onNotificationFrame(frame) {
    const n = frame.notification;
    if (this.seenVersions.get(n.id) === n.updatedAt) return;
    this.seenVersions.set(n.id, n.updatedAt);
    if (this.seenVersions.size > 1000) this.seenVersions.delete(this.seenVersions.keys().next().value);
    this.callbacks.onNotification(n, frame);
  }

  onClose(transport, event) {
    if (transport !== this.transport) return; // an older connection, already replaced
    clearInterval(this.pingTimer);
    this.transport = null;
    this.setStatus('offline');
    if (this.stopped || event.code === CloseCode.SESSION_LIMIT) return;
    // 4401 came over a working WebSocket: the token was the problem, not the network
    if (!this.greeted && !this.useSockJs && event.code !== CloseCode.UNAUTHORIZED
        && ++this.webSocketFailures >= this.sockJsAfterFailures) {
      this.useSockJs = true; // WebSocket seems blocked on this network
      this.fellBack = true;
    }
    if (event.code === CloseCode.SERVICE_RESTART) {
      const hinted = /(\d+) ms/.exec(event.reason || '');
      this.scheduleReconnect(hinted ? Number(hinted[1]) : Math.random() * 5000);
    } else if (event.code === CloseCode.TOKEN_EXPIRED) {
      this.scheduleReconnect(Math.random() * this.baseDelayMs);
    } else {
      this.scheduleReconnect();
    }
  }

  /**
   * After a fallback, tries WebSocket again now and then (every webSocketProbeMs, with
   * jitter) while SockJS serves: a handshake that opens means the network lets WebSocket
   * through again (another Wi-Fi, a proxy that was fixed), and the client reconnects over
   * it, resuming from its last seq.
   */
  scheduleProbe() {
    this.stopProbe();
    if (!(this.webSocketProbeMs > 0)) return;
    const delay = this.webSocketProbeMs * (0.75 + Math.random() * 0.5);
    this.probeTimer = setTimeout(() => this.probe(), delay);
  }

  probe() {
    if (this.stopped || !this.useSockJs || !this.fellBack) return;
    let socket;
    try {
      socket = this.openWebSocket('?locale=' + encodeURIComponent(this.locale));
    } catch (error) {
      return this.scheduleProbe();
    }
    this.probeSocket = socket;
    socket.onmessage = () => {};
    socket.onopen = () => {
      if (socket !== this.probeSocket) return;
      this.stopProbe();
      this.backToWebSocket();
    };
    socket.onclose = () => {
      if (socket !== this.probeSocket) return;
      this.probeSocket = null;
      this.scheduleProbe();
    };
  }

  stopProbe() {
    clearTimeout(this.probeTimer);
    const socket = this.probeSocket;
    this.probeSocket = null;
    if (socket) socket.close(1000, 'probe done');
  }

  backToWebSocket() {
    if (this.stopped) return;
    this.useSockJs = false;
    this.fellBack = false;
    this.webSocketFailures = 0;
    clearInterval(this.pingTimer);
    this.closeTransport(1000, 'back to websocket');
    this.connect();
  }

  /** Exponential backoff with full jitter: a random delay in [0, min(cap, base * 2^attempt)). */
  scheduleReconnect(delayMs) {
    const delay = delayMs ?? Math.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** this.attempt);
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  send(message) {
    if (!this.transport || this.transport.readyState !== OPEN) return false;
    this.transport.send(JSON.stringify(message));
    return true;
  }

  closeTransport(code, reason) {
    const transport = this.transport;
    this.transport = null;
    if (transport) transport.close(code, reason);
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.callbacks.onStatus(status);
  }
}

function loadScript(src) {
  if (!globalThis.document) return Promise.reject(new Error('No SockJS here: pass options.SockJS'));
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error('Could not load ' + src));
    document.head.appendChild(script);
  });
}
