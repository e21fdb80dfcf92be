/**
 * Connections: the handshake (token, origin, capacity), the per-session state and its
 * serial mailbox, ordered delivery with resume, limits, heartbeats and draining.
 */
package dev.herald.push.session;
