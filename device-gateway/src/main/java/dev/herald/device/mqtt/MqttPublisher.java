package dev.herald.device.mqtt;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Publishes with QoS 1 and returns only after the broker's PUBACK. Failures are retried
 * with exponential back-off inside a circuit breaker (resilience4j instances named
 * {@code mqtt}); what still fails throws {@link BrokerUnavailableException}, so the
 * caller rolls back and the Kafka record is delivered again.
 */
@Component
public class MqttPublisher {

	static final String RESILIENCE_NAME = "mqtt";

	private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);

	private final BrokerConnection connection;

	private final MqttProperties properties;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final Counter errors;

	MqttPublisher(BrokerConnection connection, MqttProperties properties, RetryRegistry retries,
			CircuitBreakerRegistry circuitBreakers, MeterRegistry meters) {
		this.connection = connection;
		this.properties = properties;
		this.retry = retries.retry(RESILIENCE_NAME);
		this.circuitBreaker = circuitBreakers.circuitBreaker(RESILIENCE_NAME);
		this.errors = Counter.builder("herald.device.broker.errors")
			.description("Publishes the MQTT broker did not acknowledge")
			.register(meters);
	}

	/**
	 * Publishes and waits for the acknowledgement, retrying.
	 * @throws BrokerUnavailableException when the broker did not acknowledge
	 */
	public void publish(String topic, byte[] payload, boolean retain) {
		Runnable guarded = CircuitBreaker.decorateRunnable(this.circuitBreaker, () -> send(topic, payload, retain));
		try {
			Retry.decorateRunnable(this.retry, guarded).run();
		}
		catch (CallNotPermittedException ex) {
			throw new BrokerUnavailableException("The MQTT circuit breaker is open", ex);
		}
	}

	/**
	 * Publishes once without retrying, for best-effort updates.
	 * @return whether the broker acknowledged
	 */
	public boolean tryPublish(String topic, byte[] payload, boolean retain) {
		try {
			CircuitBreaker.decorateRunnable(this.circuitBreaker, () -> send(topic, payload, retain)).run();
			return true;
		}
		catch (BrokerUnavailableException | CallNotPermittedException ex) {
			log.warn("Could not publish to {}: {}", topic, ex.getMessage());
			return false;
		}
	}

	private void send(String topic, byte[] payload, boolean retain) {
		if (!this.connection.isConnected()) {
			throw failed("Not connected to the MQTT broker at " + this.properties.uri(), null);
		}
		try {
			this.connection.publish(topic, payload, retain)
				.get(this.properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw failed("The MQTT broker did not acknowledge a publish to " + topic, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw failed("No acknowledgement from the MQTT broker within " + this.properties.ackTimeout(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failed("Interrupted while waiting for the MQTT broker", ex);
		}
	}

	private BrokerUnavailableException failed(String message, Throwable cause) {
		this.errors.increment();
		return new BrokerUnavailableException(message, cause);
	}

}
