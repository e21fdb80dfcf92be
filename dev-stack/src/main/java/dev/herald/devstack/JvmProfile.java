package dev.herald.devstack;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the services' JVMs run: {@link #DEV} starts fast for the demo and the tests;
 * {@link #PRODUCTION} runs them as a deployment does (the Helm chart's and compose's
 * {@code JAVA_TOOL_OPTIONS} are the same, checked by deploy-tests): the full JIT, a heap
 * sized per service from what the benchmarks measured, glibc arenas capped. Chosen with
 * {@code -Dherald.profile=production} for the dev stack; the benchmarks
 * ({@code -Pbenchmark}) use production.
 */
public enum JvmProfile {

	/** Quick start: C1 only, serial GC, a small heap. */
	DEV(Map.of(), List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k")),

	/** As deployed. */
	PRODUCTION(
			Map.of("notification-ingest", "-Xms64m -Xmx256m", "notification-store", "-Xms128m -Xmx384m", "push-gateway",
					"-Xms352m -Xmx352m -XX:+AlwaysPreTouch", "device-gateway", "-Xms64m -Xmx256m", "email-digest",
					"-Xms64m -Xmx256m", "web-push", "-Xms64m -Xmx256m"),
			List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50", "-Xss512k", "-XX:+ExitOnOutOfMemoryError"));

	/**
	 * The glibc malloc arenas per process: native allocations otherwise spread over 8 per
	 * core.
	 */
	public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

	private final Map<String, String> heaps;

	private final List<String> common;

	JvmProfile(Map<String, String> heaps, List<String> common) {
		this.heaps = heaps;
		this.common = common;
	}

	/** The profile named by {@code herald.profile} (dev when absent). */
	public static JvmProfile fromSystemProperties() {
		return fromSystemProperties(DEV);
	}

	/** The profile named by {@code herald.profile}, else {@code fallback}. */
	public static JvmProfile fromSystemProperties(JvmProfile fallback) {
		String name = System.getProperty("herald.profile");
		return (name != null && !name.isBlank()) ? valueOf(name.strip().toUpperCase(Locale.ROOT)) : fallback;
	}

	/** The JVM options of one service, as its {@code JAVA_TOOL_OPTIONS} would be. */
	public String javaToolOptions(String module) {
		String heap = this.heaps.getOrDefault(module, "");
		return (heap + " " + String.join(" ", this.common)).strip();
	}

	List<String> options(String module) {
		return List.of(javaToolOptions(module).split(" "));
	}

	Map<String, String> environment() {
		return (this == PRODUCTION) ? ENVIRONMENT : Map.of();
	}

}
