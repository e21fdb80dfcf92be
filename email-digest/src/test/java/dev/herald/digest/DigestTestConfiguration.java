package dev.herald.digest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
		String url = environment.getRequiredProperty("spring.datasource.url");
		String user = environment.getRequiredProperty("spring.datasource.username");
		String password = environment.getProperty("spring.datasource.password", "");
		sender.databaseCut(() -> {
			try (Connection connection = DriverManager.getConnection(url, user, password);
					Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
						+ " WHERE datname = current_database() AND pid <> pg_backend_pid()");
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return sender;
	}

}
