/**
 * The demo page of the dev stack (port 8080): pick a demo user, watch their notifications
 * arrive through {@code herald-client.js}, simulate activity through ingest, manage
 * players, read the dev mailbox. Everything goes through the real services; the demo
 * server only mints dev tokens and shows what the MQTT and SMTP servers received.
 */
package dev.herald.devstack.demo;
