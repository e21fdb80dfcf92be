/**
 * Real servers for tests and the dev stack: an embedded KRaft Kafka broker with the
 * Herald topic catalogue, a fresh PostgreSQL database per test class, an embedded HiveMQ
 * CE MQTT broker and a GreenMail SMTP server. Each helper starts in-process or finds a
 * server on the machine, and exposes a small API.
 */
package dev.herald.testinfra;
