package dev.herald.devstack.demo;

import java.util.List;
import java.util.Map;

import dev.herald.devstack.demo.DemoUsers.DemoUser;
import dev.herald.support.security.DevTokens;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Demo users, their dev tokens, and what the MQTT broker carried. */
@RestController
class DemoController {

	private final DevTokens tokens;

	private final DemoSettings settings;

	private final MqttWatcher mqtt;

	DemoController(DevTokens tokens, DemoSettings settings, MqttWatcher mqtt) {
		this.tokens = tokens;
		this.settings = settings;
		this.mqtt = mqtt;
	}

	@GetMapping("/api/users")
	List<DemoUser> users() {
		return DemoUsers.ALL;
	}

	/**
	 * What the page needs to connect as {@code user}: a token and the gateway's address.
	 */
	@GetMapping("/api/session")
	Map<String, String> session(@RequestParam String user) {
		return Map.of("token", this.tokens.user(user), "push", this.settings.baseUrl("push"), "topicPrefix",
				this.settings.topicPrefix());
	}

	@GetMapping("/api/mqtt")
	List<MqttWatcher.Received> mqtt(@RequestParam(name = "player", required = false) List<String> players) {
		return this.mqtt.received(players);
	}

}
