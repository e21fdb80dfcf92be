package dev.herald.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The six services with their real configuration pointed at the given infrastructure.
 *
 * @param root the repository root (holding each module's {@code target/*.jar})
 * @param profile how their JVMs run
 * @param vapid the VAPID key pair web-push signs with (one per run)
 */
public record HeraldServices(Path root, JvmProfile profile, VapidKeyPair vapid) {

	public HeraldServices(Path root, JvmProfile profile) {
		this(root, profile, VapidKeyPair.generate());
	}

	public static final String VERSION = "0.1.0-SNAPSHOT";

	public static final int INGEST_PORT = 8081;

	public static final int STORE_PORT = 8082;

	public static final int PUSH_PORT = 8083;

	public static final int DEVICE_PORT = 8084;

	public static final int DIGEST_PORT = 8085;

	public static final int WEBPUSH_PORT = 8086;

	public List<ServiceSpec> specs(Infrastructure infrastructure, Map<String, String> extraEnvironment) {
		Map<String, String> common = new HashMap<>(extraEnvironment);
		common.put("HERALD_KAFKA_BOOTSTRAP", infrastructure.kafka().bootstrapServers());
		Map<String, String> database = Map.of("HERALD_DB_URL", infrastructure.database().url(), "HERALD_DB_USER",
				infrastructure.database().username(), "HERALD_DB_PASSWORD", infrastructure.database().password());
		String store = "http://127.0.0.1:" + STORE_PORT;
		return List.of(spec("notification-ingest", INGEST_PORT, "INGEST", common, Map.of()),
				spec("notification-store", STORE_PORT, "STORE", common, database),
				spec("push-gateway", PUSH_PORT, "PUSH", common, Map.of("HERALD_STORE_URL", store)),
				spec("device-gateway", DEVICE_PORT, "DEVICE", common,
						with(database, "HERALD_MQTT_URI", infrastructure.mqtt().uri())),
				spec("email-digest", DIGEST_PORT, "DIGEST", common, digest(database, infrastructure)),
				spec("web-push", WEBPUSH_PORT, "WEBPUSH", common, webPush(database)));
	}

	/**
	 * The digest on the dev SMTP server; IMMEDIATE digests after 20 s instead of 2 min,
	 * so a demo shows one while you watch.
	 */
	private static Map<String, String> digest(Map<String, String> database, Infrastructure infrastructure) {
		Map<String, String> digest = new HashMap<>(database);
		digest.put("HERALD_SMTP_HOST", infrastructure.smtp().host());
		digest.put("HERALD_SMTP_PORT", Integer.toString(infrastructure.smtp().port()));
		digest.put("HERALD_DIGEST_SCHEDULER_IMMEDIATEDELAY", "20s");
		digest.put("HERALD_DIGEST_SCHEDULER_INTERVAL", "5s");
		return digest;
	}

	/**
	 * Web Push with this run's VAPID pair, posting to the real browser push services (the
	 * defaults of its allow-list); the end-to-end tests point it at their own.
	 */
	private Map<String, String> webPush(Map<String, String> database) {
		Map<String, String> webPush = new HashMap<>(database);
		webPush.put("HERALD_WEBPUSH_VAPID_PUBLIC_KEY", this.vapid.publicKey());
		webPush.put("HERALD_WEBPUSH_VAPID_PRIVATE_KEY", this.vapid.privateKey());
		return webPush;
	}

	/**
	 * A service's environment: the profile's, then the dev stack's defaults for the
	 * service, then what the caller gave (the tests' shorter digest delays, say), which
	 * wins over both.
	 */
	static Map<String, String> environment(Map<String, String> profile, Map<String, String> serviceDefaults,
			Map<String, String> given) {
		Map<String, String> environment = new HashMap<>(profile);
		environment.putAll(serviceDefaults);
		environment.putAll(given);
		return environment;
	}

	private ServiceSpec spec(String module, int port, String key, Map<String, String> common, Map<String, String> own) {
		Map<String, String> environment = environment(this.profile.environment(), own, common);
		environment.put("HERALD_" + key + "_PORT", Integer.toString(port));
		// a fixed name per replica: a restarted service rejoins its consumer groups as
		// the
		// same static member and takes its partitions back at once
		environment.put("HERALD_INSTANCE_ID", module + "-1");
		return new ServiceSpec(module, jar(module), port, environment, this.profile.options(module));
	}

	/**
	 * The module's Spring Boot jar; fails with the command that builds it when missing.
	 */
	public Path jar(String module) {
		Path jar = this.root.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -q install -DskipTests");
		}
		return jar;
	}

	private static Map<String, String> with(Map<String, String> map, String key, String value) {
		Map<String, String> copy = new HashMap<>(map);
		copy.put(key, value);
		return copy;
	}

}
