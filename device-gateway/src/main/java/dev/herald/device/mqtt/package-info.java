/**
 * The MQTT side: one persistent-session client (MQTT 5, or 3.1.1 for older brokers), and
 * a publisher that returns only once the broker acknowledged (PUBACK), with retry and a
 * circuit breaker around it.
 */
package dev.herald.device.mqtt;
