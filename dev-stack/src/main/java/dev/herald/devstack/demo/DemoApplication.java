package dev.herald.devstack.demo;

import java.util.Map;
import java.util.function.Supplier;

import dev.herald.support.security.DevTokens;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The demo web app, started by the dev stack once the services are healthy. */
@SpringBootApplication
public class DemoApplication {

	/** Port of the demo page. */
	public static final int PORT = 8080;

	public static ConfigurableApplicationContext start(DemoSettings settings, Supplier<MimeMessage[]> mailbox,
			int port) {
		SpringApplication application = new SpringApplicationBuilder(DemoApplication.class).initializers((context) -> {
			context.getBeanFactory().registerSingleton("demoSettings", settings);
			context.getBeanFactory().registerSingleton("mailbox", mailbox);
		})
			.properties(Map.of("server.port", port, "spring.application.name", "herald-demo",
					"spring.web.resources.static-locations", "classpath:/demo/", "herald.security.jwt.secret",
					settings.jwtSecret(), "spring.main.banner-mode", "off", "spring.kafka.listener.auto-startup",
					"false", "management.endpoints.web.exposure.include", "health"))
			.build();
		return application.run();
	}

	@Bean
	DevTokens devTokens(DemoSettings settings) {
		return new DevTokens(settings.jwtSecret(), settings.issuer(), settings.audience());
	}

	@Bean(destroyMethod = "close")
	MqttWatcher mqttWatcher(DemoSettings settings) {
		return new MqttWatcher(settings);
	}

}
