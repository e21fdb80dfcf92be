package dev.herald.support.web;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The HTTP input rules every service shares, in one place: JSON request bodies read
 * strictly ({@link StrictJsonHttpMessageConverter}), {@code Origin} headers that are not
 * origins refused ({@link OriginFilter}), and the error page answering problem+json
 * ({@link HeraldErrorController}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class HeraldWebAutoConfiguration {

	/** Runs after Spring Boot's own JSON customizer, whose converter it replaces. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer heraldStrictJson(JsonMapper jsonMapper) {
		StrictJsonHttpMessageConverter converter = new StrictJsonHttpMessageConverter(jsonMapper);
		return (converters) -> converters.withJsonConverter(converter);
	}

	@Bean
	HeraldErrorController heraldErrorController() {
		return new HeraldErrorController();
	}

	@Bean
	FilterRegistrationBean<OriginFilter> heraldOriginFilter() {
		FilterRegistrationBean<OriginFilter> registration = new FilterRegistrationBean<>(new OriginFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
