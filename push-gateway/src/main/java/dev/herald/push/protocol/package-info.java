/**
 * The WebSocket protocol: JSON frames (from {@code NotificationChange} records and the
 * store's change feed, with the text rendered in the session's locale) and close codes.
 */
package dev.herald.push.protocol;
