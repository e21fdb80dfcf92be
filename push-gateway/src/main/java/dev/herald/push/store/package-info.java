/**
 * The notification store's REST API as the gateway uses it, always with the user's own
 * token: unread count and seq, the change feed for resume, and marking read.
 */
package dev.herald.push.store;
