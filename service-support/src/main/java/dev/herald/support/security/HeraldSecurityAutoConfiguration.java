package dev.herald.support.security;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What every service's security filter chain gets before the service configures it:
 * problem+json 401 and 403 ({@link ProblemSecurityConfigurer}) and CORS refusals
 * ({@link ProblemCorsRejection}), and the error page open to error dispatches, so that
 * what the container answers itself reaches the caller as problem+json instead of a
 * second 401. Spring Security observes nothing: with an observation registry present it
 * would otherwise wrap every filter of the chain, and the authentication and
 * authorization managers, in observations on every request (5 % of ingest's CPU at one
 * event per request, docs/benchmarks.md); the HTTP server metrics stay.
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

	/**
	 * No observation per filter, authentication and authorization; Spring Security then
	 * does not decorate the chain at all (a predicate on the observation names, such as
	 * {@code management.observations.enable.spring.security=false}, would only make the
	 * observations no-ops after the decoration).
	 */
	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings heraldSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	Customizer<HttpSecurity> heraldProblemSecurity() {
		return (http) -> http.with(new ProblemSecurityConfigurer(), Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll());
	}

}
