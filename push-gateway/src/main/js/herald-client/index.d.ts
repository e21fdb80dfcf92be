// Types of herald-client, the Herald push gateway's browser client. The frames are
// described in docs/asyncapi.yaml of the Herald repository; these types follow it.

/** `connecting` while a connection is being made, `online` from its `hello`, else `offline`. */
export type Status = 'connecting' | 'online' | 'offline';

export type Transport = 'websocket' | 'sockjs';

export type NotificationType =
  | 'REACTION' | 'COMMENT' | 'REPLY' | 'MENTION' | 'FOLLOW' | 'MODERATION' | 'ANNOUNCEMENT';

export interface Actor {
  id: string | null;
  handle: string;
  avatarUrl: string | null;
}

export interface ContentRef {
  type: string;
  id: string;
  title: string;
  url: string | null;
  thumbnailUrl: string | null;
}

/**
 * An inbox item, as the store serves it. Every text in it is plain text (markup stripped,
 * entities decoded): insert it with `textContent`, never `innerHTML`.
 */
export interface Notification {
  id: string;
  type: NotificationType;
  content: ContentRef | null;
  /** The last three actors, newest first. */
  actors: Actor[];
  actorCount: number;
  reaction: string | null;
  commentPreview: string | null;
  message: { title: string; body: string } | null;
  templateKey: string;
  params: Record<string, string>;
  /** Rendered in the connection's locale. */
  text: string;
  /** ISO-8601 instants. */
  createdAt: string;
  updatedAt: string;
  read: boolean;
  critical: boolean;
  seen: boolean;
  archived: boolean;
  commentId: string | null;
  /** Absolute http(s) URL to open; else `content.url`. */
  actionUrl: string | null;
  attributes: Record<string, string>;
}

interface Counts {
  /** Notifications neither read nor archived. */
  unreadCount: number;
  /** Notifications neither seen nor archived: the badge. */
  unseenCount: number;
}

export interface HelloFrame extends Counts {
  type: 'hello';
  /** The user's latest change seq. */
  seq: number;
}

export interface NotificationFrame extends Counts {
  type: 'notification';
  /** Per user, gap-free, starting at 1. */
  seq: number;
  change: 'created' | 'updated';
  notification: Notification;
}

export type StateChange = 'read' | 'unread' | 'deleted' | 'all_read' | 'seen' | 'archived' | 'unarchived';

export interface StateFrame extends Counts {
  type: 'state';
  seq: number;
  /** `archived`: the ids leave the default list; `unarchived`: they come back (fetch them to show them). */
  change: StateChange;
  ids: string[];
}

/** The kept history does not reach back to the client's seq: reload the inbox; live changes continue after `seq`. */
export interface ResyncFrame {
  type: 'resync';
  seq: number;
}

export interface ErrorFrame {
  type: 'error';
  code: 'bad_request' | 'rate_limited' | 'store_unavailable';
  /** Names the field that was wrong. */
  message: string;
}

export interface PongFrame {
  type: 'pong';
}

export type ServerFrame = HelloFrame | NotificationFrame | StateFrame | ResyncFrame | ErrorFrame | PongFrame;

export interface HeraldClientOptions {
  /** Gives the user's JWT; called before every (re)connect, so it may refresh it. */
  tokenProvider: () => string | Promise<string>;
  /** The gateway's base URL, e.g. `https://push.example.com`. Default: the page's origin (required outside a page). */
  url?: string;
  /**
   * Where the token goes. `frame` (default): the first frame after the connection opens,
   * `{"type":"auth","token":…}`, so no URL carries it. `query`: the `access_token` query
   * parameter, as before 1.0; deprecated (proxies and access logs keep URLs), only for
   * gateways that predate first-frame auth.
   */
  tokenIn?: 'frame' | 'query';
  /** The language of each notification's `text` (`en`, `es`, `pt`). Default: `navigator.language`, else `en`. */
  locale?: string;
  /** Replay the kept history after this seq (0: all of it). Default: live from `hello`. */
  since?: number;
  /** `sockjs`: skip WebSocket and use SockJS at once. Default: WebSocket, SockJS after `sockJsAfterFailures`. */
  transport?: Transport;
  /** Reconnect backoff: full jitter in [0, min(maxDelayMs, baseDelayMs · 2^attempt)). Defaults 1000 and 30000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the client sends `ping`. Default 25000. */
  pingIntervalMs?: number;
  /** WebSocket attempts that never got a `hello` before SockJS is used. Default 3. */
  sockJsAfterFailures?: number;
  /**
   * After falling back to SockJS, how often (ms, ±25 % jitter) a WebSocket handshake is tried
   * again; once one opens, the client reconnects over WebSocket. 0: never. Default 60000.
   */
  webSocketProbeMs?: number;
  /** Where SockJS is loaded from if `SockJS` is not given and not global. Default: the gateway's webjar. */
  sockJsUrl?: string;
  /** A WebSocket class (e.g. the `ws` package's in Node 20). Default: `globalThis.WebSocket`. */
  WebSocket?: new (url: string) => WebSocketLike;
  /** A SockJS class. Default: `globalThis.SockJS`, loaded from `sockJsUrl` when missing. */
  SockJS?: new (url: string, protocols: null, options: { transports: string[] }) => WebSocketLike;

  /** A notification was created or changed; repeats (by seq, and by id + updatedAt) are dropped. */
  onNotification?: (notification: Notification, frame: NotificationFrame) => void;
  /** Notifications were read, unread, deleted, seen, archived or unarchived. */
  onState?: (frame: StateFrame) => void;
  /** After `hello` and after every change. */
  onUnreadCount?: (count: number) => void;
  /** The badge: unseen since the bell was last opened; after `hello` and after every change. */
  onUnseenCount?: (count: number) => void;
  onStatus?: (status: Status) => void;
  /** History is gone: reload the inbox from the store. */
  onResync?: (frame: ResyncFrame) => void;
  /** An `error` frame from the gateway, or an `Error` (token provider, transport, a frame that is not JSON). */
  onError?: (error: ErrorFrame | Error) => void;
}

/** What the client needs of a WebSocket or SockJS object. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

export declare const VERSION: string;

/** Close codes of the gateway (the README says what the client does on each). */
export declare const CloseCode: Readonly<{
  TOKEN_EXPIRED: 4001;
  IDLE_TIMEOUT: 4002;
  SESSION_LIMIT: 4003;
  SLOW_CONSUMER: 4008;
  UNAUTHORIZED: 4401;
  SERVICE_RESTART: 1012;
  TRY_AGAIN_LATER: 1013;
}>;

/**
 * One user's live connection to the push gateway: reconnects with backoff, resumes from
 * the last seq, falls back to SockJS where WebSocket is blocked.
 */
export declare class HeraldClient {
  constructor(options: HeraldClientOptions);
  /** Connects, and keeps reconnecting until `stop()`. Calling it again while started does nothing. */
  start(): void;
  /** Closes the connection (1000) and stops reconnecting. */
  stop(): void;
  /** Marks notifications read (1–500 ids); false if not connected (nothing was sent). */
  markRead(ids: string[]): boolean;
  /** Marks every notification read; false if not connected. */
  markAllRead(): boolean;
  /** Marks the given notifications seen, or all of them (when the user opens the bell); false if not connected. */
  markSeen(ids?: string[]): boolean;
  /** The transport of the current or next connection. */
  readonly transportName: Transport;
  /** The current status. */
  readonly status: Status;
  /** The seq of the last change handed on (or of `hello`); null before the first `hello` unless `since` was given. */
  readonly lastSeq: number | null;
}
