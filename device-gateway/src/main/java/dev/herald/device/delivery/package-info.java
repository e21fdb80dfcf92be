/**
 * Delivery of notification changes to players over MQTT: compact messages, the retained
 * unread count, and pacing (one message per interval, folded summaries, quiet hours),
 * kept in the database and released by a scheduler.
 */
package dev.herald.device.delivery;
