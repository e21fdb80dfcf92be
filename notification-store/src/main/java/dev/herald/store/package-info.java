/**
 * Turns social events into per-user notifications with exact unread counts; inbox,
 * preferences and admin REST API; outbox relay to notifications.v1.
 */
package dev.herald.store;
