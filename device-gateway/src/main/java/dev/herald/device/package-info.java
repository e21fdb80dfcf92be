/**
 * Device registry and MQTT delivery of notifications to IoT players.
 */
package dev.herald.device;
