// herald-client.js: the Herald push gateway's browser client (an ES module, no build step).
//
//   import { HeraldClient } from '/herald-client.js';
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
// State frames say what changed in frame.change: read, unread, deleted, all_read, seen,
// archived (the ids leave the default list) or unarchived (fetch them again to show them).
//
// Every text a notification carries (text, content.title, actors[].handle, commentPreview,
// message.title/body) is plain text: markup was stripped and entities decoded by ingest, so
// "<b>" in it is what someone typed. Insert it with textContent or document.createTextNode,
// never innerHTML; this client and the demo pages do so.

const CLOSE_SESSION_LIMIT = 4003;
const CLOSE_TOKEN_EXPIRED = 4001;
const CLOSE_SERVICE_RESTART = 1012;

export class HeraldClient {
  constructor(options) {
    this.url = (options.url || window.location.origin).replace(/\/$/, '');
    this.tokenProvider = options.tokenProvider;
    this.locale = options.locale || navigator.language;
    this.lastSeq = options.since ?? null;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30000;
    this.pingIntervalMs = options.pingIntervalMs ?? 25000;
    this.sockJsAfterFailures = options.sockJsAfterFailures ?? 3;
    this.sockJsUrl = options.sockJsUrl || this.url + '/webjars/sockjs-client/sockjs.min.js';
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
    this.stopped = true;
    this.status = 'offline';
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
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
    this.setStatus('connecting');
    let token;
    try {
      token = await this.tokenProvider();
    } catch (error) {
      this.callbacks.onError(error);
      this.scheduleReconnect();
      return;
    }
    const query = '?access_token=' + encodeURIComponent(token) + '&locale=' + encodeURIComponent(this.locale);
    try {
      this.transport = this.useSockJs ? await this.openSockJs(query) : this.openWebSocket(query);
    } catch (error) {
      this.callbacks.onError(error);
      this.useSockJs = false;
      this.scheduleReconnect();
      return;
    }
    this.greeted = false;
    this.transport.onopen = () => this.onOpen();
    this.transport.onmessage = (event) => this.onMessage(event.data);
    this.transport.onclose = (event) => this.onClose(event);
  }

  openWebSocket(query) {
    return new WebSocket(this.url.replace(/^http/, 'ws') + '/v1/ws' + query);
  }

  async openSockJs(query) {
    if (!window.SockJS) {
      await loadScript(this.sockJsUrl);
    }
    return new window.SockJS(this.url + '/v1/sockjs' + query, null, { transports: ['xhr-streaming', 'xhr-polling'] });
  }

  onOpen() {
    // Tell the gateway where we are before it sends anything live: it then sends what
    // we missed, in order, followed by live changes.
    this.send(this.lastSeq === null ? { type: 'resume' } : { type: 'resume', since: this.lastSeq });
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.send({ type: 'ping' }), this.pingIntervalMs);
  }

  onMessage(data) {
    const frame = JSON.parse(data);
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

  onClose(event) {
    clearInterval(this.pingTimer);
    this.transport = null;
    this.setStatus('offline');
    if (this.stopped || event.code === CLOSE_SESSION_LIMIT) return;
    if (!this.greeted && !this.useSockJs && ++this.webSocketFailures >= this.sockJsAfterFailures) {
      this.useSockJs = true; // WebSocket seems blocked on this network
    }
    if (event.code === CLOSE_SERVICE_RESTART) {
      const hinted = /(\d+) ms/.exec(event.reason || '');
      this.scheduleReconnect(hinted ? Number(hinted[1]) : Math.random() * 5000);
    } else if (event.code === CLOSE_TOKEN_EXPIRED) {
      this.scheduleReconnect(Math.random() * this.baseDelayMs);
    } else {
      this.scheduleReconnect();
    }
  }

  /** Exponential backoff with full jitter: a random delay in [0, min(cap, base * 2^attempt)). */
  scheduleReconnect(delayMs) {
    const delay = delayMs ?? Math.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** this.attempt);
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  send(message) {
    if (!this.transport || this.transport.readyState !== 1) return false;
    this.transport.send(JSON.stringify(message));
    return true;
  }

  closeTransport(code, reason) {
    if (this.transport) this.transport.close(code, reason);
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.callbacks.onStatus(status);
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error('Could not load ' + src));
    document.head.appendChild(script);
  });
}
