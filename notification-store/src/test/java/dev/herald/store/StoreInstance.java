package dev.herald.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more store instance, a whole {@link StoreApplication} on the same database and
 * Kafka as the tests' shared context, with the broadcast scheduler on. Closing it stops
 * the service as a shutdown does, in the middle of whatever it was doing.
 */
public final class StoreInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private StoreInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance.
	 * @param database the tests' database
	 * @param kafka the tests' broker
	 * @param properties settings on top of the test defaults
	 * @return the running instance
	 */
	public static StoreInstance start(TestDatabase database, KafkaBroker kafka, Map<String, String> properties) {
		Map<String, String> settings = new LinkedHashMap<>(Map.of("spring.datasource.url", database.url(),
				"spring.datasource.username", database.username(), "spring.datasource.password", database.password(),
				"spring.kafka.bootstrap-servers", kafka.bootstrapServers(), "server.port", "0",
				"herald.store.relay.enabled", "false", "herald.store.retention.enabled", "false",
				"herald.store.pipeline.concurrency", "2", "herald.store.broadcasts.poll-interval", "100ms",
				"herald.kafka.dead-letter.initial-interval", "50ms"));
		settings.put("spring.main.banner-mode", "off");
		settings.putAll(properties);
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		return new StoreInstance(new SpringApplicationBuilder(StoreApplication.class).run(args.toArray(String[]::new)));
	}

	/** A bean of the instance, e.g. to drive the pipeline directly. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** The HTTP port the instance listens on. */
	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
