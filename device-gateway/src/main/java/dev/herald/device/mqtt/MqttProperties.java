package dev.herald.device.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.herald.support.config.PositiveDuration;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Connection to the MQTT broker.
 *
 * @param uri {@code tcp://host:port}, or {@code ssl://} / {@code mqtts://} for TLS
 * @param username user name, none when blank
 * @param password password, none when blank
 * @param clientId client identifier of the persistent session; blank means
 * {@code herald-device-<hostname>}
 * @param protocol {@code auto} (MQTT 5, falling back to 3.1.1), {@code v5} or {@code v3}
 * @param sessionExpiry how long the broker keeps the session while the gateway is away
 * @param keepAlive keep-alive interval
 * @param ackTimeout how long a publish waits for the broker's acknowledgement
 * @param reconnectMaxDelay longest pause between reconnect attempts (short, so players
 * get their messages within seconds of the broker coming back)
 * @param sslBundle a {@code spring.ssl.bundle} with the trust (and key) material; blank
 * uses the JVM defaults
 */
@Validated
@ConfigurationProperties("herald.device.mqtt")
public record MqttProperties(@DefaultValue("tcp://localhost:1883") @NotNull URI uri, String username, String password,
		String clientId, @DefaultValue("auto") @NotNull Protocol protocol,
		@DefaultValue("1h") @PositiveDuration Duration sessionExpiry,
		@DefaultValue("30s") @PositiveDuration Duration keepAlive,
		@DefaultValue("10s") @PositiveDuration Duration ackTimeout,
		@DefaultValue("2s") @PositiveDuration Duration reconnectMaxDelay, String sslBundle) {

	/** Which MQTT version to speak. */
	public enum Protocol {

		/** MQTT 5, or 3.1.1 when the broker refuses version 5. */
		AUTO,
		/** MQTT 5 only. */
		V5,
		/** MQTT 3.1.1 only. */
		V3

	}

	boolean tls() {
		return "ssl".equals(this.uri.getScheme()) || "mqtts".equals(this.uri.getScheme());
	}

	int port() {
		return (this.uri.getPort() > 0) ? this.uri.getPort() : (tls() ? 8883 : 1883);
	}

	boolean hasCredentials() {
		return this.username != null && !this.username.isBlank();
	}

	byte[] passwordBytes() {
		return (this.password != null) ? this.password.getBytes(StandardCharsets.UTF_8) : new byte[0];
	}

}
