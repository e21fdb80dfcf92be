package dev.herald.digest;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The mutable clock and the crash-simulating SMTP sender (talking to the test's GreenMail
 * through {@code spring.mail.host}/{@code port}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class DigestTestConfiguration {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
	}

	@Bean
	CrashingMailSender crashingMailSender(Environment environment) {
		CrashingMailSender sender = new CrashingMailSender();
		sender.setHost(environment.getRequiredProperty("spring.mail.host"));
		sender.setPort(environment.getRequiredProperty("spring.mail.port", Integer.class));
		sender.setDefaultEncoding("UTF-8");
		return sender;
	}

}
