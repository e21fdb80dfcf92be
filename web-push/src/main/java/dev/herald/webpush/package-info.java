/**
 * Web Push for Herald: browsers' push subscriptions ({@code subscription}), delivery of
 * {@code notifications.v1} to them through the browsers' own push services, encrypted
 * (RFC 8291) and VAPID-signed (RFC 8292) ({@code delivery}), and the users' language and
 * erasure from {@code user-preferences.v1} ({@code preferences}).
 */
package dev.herald.webpush;
