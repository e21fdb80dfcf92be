package dev.herald.e2e;

import java.nio.file.Path;
import java.util.Map;

import dev.herald.devstack.DevStack;
import dev.herald.devstack.HeraldServices;
import dev.herald.devstack.demo.DemoSettings;
import dev.herald.support.security.DevTokens;

/**
 * The system under test: the five services built by this reactor, on the dev stack's
 * embedded Kafka, PostgreSQL, HiveMQ CE and GreenMail, started once per test JVM.
 */
final class Herald {

	static final DevTokens tokens = new DevTokens(DemoSettings.DEV_SECRET, "herald-dev", "herald");

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
		DevStack started = new DevStack(root, HeraldServices.DEV_JVM_OPTIONS, Map.of());
		Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-stack-shutdown"));
		return started.start();
	}

}
