package dev.herald.digest.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;

import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ITemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Delivery wiring: the e-mail wording with ICU plural rules; a TEXT-mode resolver for
 * {@code *.txt} templates (the plain-text part), which Spring Boot adds to its Thymeleaf
 * engine before its HTML resolver; and the rule of the {@code smtp} retry.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	/**
	 * {@code messages/digest*.properties}, for the composer and the templates; named
	 * {@code messageSource}, so Spring Boot's (java.text formats) stands back.
	 */
	@Bean
	MessageSource messageSource() {
		return new IcuMessageSource("messages.digest");
	}

	@Bean
	ITemplateResolver plainTextTemplateResolver() {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setPrefix("classpath:/templates/");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setResolvablePatterns(Set.of("*.txt"));
		resolver.setCheckExistence(true);
		resolver.setOrder(0);
		return resolver;
	}

	/** Retries only what {@link SmtpFailures} calls temporary. */
	@Bean
	RetryConfigCustomizer smtpRetryCustomizer() {
		return RetryConfigCustomizer.of(DigestDelivery.RETRY,
				(config) -> config.retryOnException((Predicate<Throwable>) SmtpFailures::isTemporary));
	}

}
