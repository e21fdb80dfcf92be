// A WebSocket (or SockJS) stand-in for the node tests: records what the client sends and
// lets a test play the gateway's side. Not part of the package.

export function fakeTransportClass() {
  class FakeTransport {
    static instances = [];

    constructor(url, protocols, options) {
      this.url = url;
      this.options = options;
      this.readyState = 0;
      this.sent = [];
      this.closedBy = null;
      FakeTransport.instances.push(this);
    }

    static get last() {
      return FakeTransport.instances[FakeTransport.instances.length - 1];
    }

    send(data) {
      if (this.readyState !== 1) throw new Error('send on a transport that is not open');
      this.sent.push(JSON.parse(data));
    }

    close(code, reason) {
      this.closedBy = { code, reason };
      this.readyState = 3;
    }

    // the gateway's side

    open() {
      this.readyState = 1;
      this.onopen?.({});
    }

    receive(frame) {
      this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
    }

    serverClose(code, reason = '') {
      this.readyState = 3;
      this.onclose?.({ code, reason });
    }
  }
  return FakeTransport;
}

/** Lets pending promise callbacks (the token provider's) run. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}
