package dev.herald.support.security;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * What every service's security filter chain gets before the service configures it:
 * problem+json 401 and 403 ({@link ProblemSecurityConfigurer}) and CORS refusals
 * ({@link ProblemCorsRejection}), and the error page open to error dispatches, so that
 * what the container answers itself reaches the caller as problem+json instead of a
 * second 401.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
public class HeraldSecurityAutoConfiguration {

	/** CORS refusals of the chains' CORS filters as problem+json too. */
	@Bean
	static BeanPostProcessor heraldProblemCors() {
		return new ProblemCorsRejection();
	}

	@Bean
	Customizer<HttpSecurity> heraldProblemSecurity() {
		return (http) -> http.with(new ProblemSecurityConfigurer(), Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll());
	}

}
