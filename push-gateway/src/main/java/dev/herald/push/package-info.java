/**
 * WebSocket and SockJS delivery of notification changes to browsers, with resume after
 * reconnect.
 */
package dev.herald.push;
