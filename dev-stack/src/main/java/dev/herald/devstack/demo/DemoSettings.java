package dev.herald.devstack.demo;

import java.util.Map;

/**
 * Where the demo page finds the services and how it signs dev tokens.
 *
 * @param services base URL per service name ({@code ingest}, {@code store}, {@code push},
 * {@code device}, {@code digest}, {@code webpush})
 * @param jwtSecret the services' HS256 secret
 * @param issuer the token issuer
 * @param audience the token audience
 * @param mqttHost the MQTT broker host
 * @param mqttPort the MQTT broker port
 * @param topicPrefix the device topic prefix
 */
public record DemoSettings(Map<String, String> services, String jwtSecret, String issuer, String audience,
		String mqttHost, int mqttPort, String topicPrefix) {

	/** The defaults in every service's application.yml. */
	public static final String DEV_SECRET = "herald-dev-secret-change-me-0123456789abcdef";

	public DemoSettings {
		services = Map.copyOf(services);
	}

	String baseUrl(String service) {
		String url = this.services.get(service);
		if (url == null) {
			throw new IllegalArgumentException("Unknown service " + service + "; known: " + this.services.keySet());
		}
		return url;
	}

}
