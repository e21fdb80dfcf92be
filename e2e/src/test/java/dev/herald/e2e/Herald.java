package dev.herald.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.herald.devstack.DevStack;
import dev.herald.devstack.JvmProfile;
import dev.herald.devstack.demo.DemoSettings;
import dev.herald.support.security.DevTokens;

/**
 * The system under test: the six services built by this reactor, on the dev stack's
 * embedded Kafka, PostgreSQL, HiveMQ CE and GreenMail, started once per test JVM.
 */
final class Herald {

	static final DevTokens tokens = new DevTokens(DemoSettings.DEV_SECRET, "herald-dev", "herald");

	/**
	 * Users with an address get their digest a few seconds after the first item (unless
	 * they chose otherwise), so that the tests see e-mails.
	 */
	private static final Map<String, String> ENVIRONMENT = Map.of("HERALD_DIGEST_DEFAULTS_FREQUENCY", "IMMEDIATE",
			"HERALD_DIGEST_SCHEDULER_INTERVAL", "1s", "HERALD_DIGEST_SCHEDULER_IMMEDIATEDELAY", "2s",
			// web-push posts to the tests' own push service (TestPushService, plain http
			// on
			// 127.0.0.1) instead of the browsers' real ones
			"HERALD_WEBPUSH_ALLOWEDHOSTS", "127.0.0.1", "HERALD_WEBPUSH_ALLOWHTTP", "true");

	/**
	 * Benchmarks ({@code -Pbenchmark}) run the production JVM profile and hold up to
	 * 50,000 connections on one gateway.
	 */
	private static final Map<String, String> BENCHMARK_ENVIRONMENT = Map.of("HERALD_PUSH_MAX_CONNECTIONS", "60000");

	/**
	 * Receives the services' spans; every trace is sampled, except in benchmarks, which
	 * run with tracing's default (nothing recorded).
	 */
	static final OtlpReceiver traces = OtlpReceiver.start();

	private static final DevStack stack = start();

	private Herald() {
	}

	static DevStack stack() {
		return stack;
	}

	static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static DevStack start() {
		Path root = Path.of(System.getProperty("herald.root", "..")).toAbsolutePath().normalize();
		boolean benchmark = Boolean.getBoolean("herald.benchmark");
		Map<String, String> environment = new HashMap<>(ENVIRONMENT);
		if (benchmark) {
			environment.putAll(BENCHMARK_ENVIRONMENT);
		}
		else {
			environment.put("HERALD_OTLP_ENDPOINT", traces.endpoint());
			environment.put("HERALD_TRACING_SAMPLING", "1.0");
		}
		DevStack started = new DevStack(root,
				JvmProfile.fromSystemProperties(benchmark ? JvmProfile.PRODUCTION : JvmProfile.DEV), environment);
		Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-stack-shutdown"));
		return started.start();
	}

}
