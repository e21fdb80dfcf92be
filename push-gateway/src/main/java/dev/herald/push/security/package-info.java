/**
 * Handshake authentication: the JWT from the {@code Authorization} header or the
 * deprecated {@code access_token} query parameter; without either, the connection
 * authenticates with its first frame (browsers cannot set headers on a WebSocket, and
 * URLs end up in proxy logs).
 */
package dev.herald.push.security;
