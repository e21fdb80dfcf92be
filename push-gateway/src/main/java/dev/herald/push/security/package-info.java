/**
 * Handshake authentication: the JWT from the {@code Authorization} header or the
 * {@code access_token} query parameter (browsers cannot set headers on a WebSocket).
 */
package dev.herald.push.security;
