package dev.herald.webpush.delivery;

import java.time.Duration;

import dev.herald.webpush.WebPushProperties;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code webpush} retry: attempts and back-off from
 * {@code resilience4j.retry.instances.webpush} in {@code application.yml}; this adds that
 * only a busy or silent push service is retried, and that its {@code Retry-After} (capped
 * at {@code herald.webpush.max-retry-after}, so one record never holds the partition for
 * hours) wins over the back-off.
 */
@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

	static final String NAME = "webpush";

	@Bean
	Retry webPushRetry(RetryRegistry registry, WebPushProperties properties) {
		RetryConfig configured = registry.retry(NAME).getRetryConfig();
		IntervalBiFunction<Object> backOff = configured.getIntervalBiFunction();
		long cap = properties.maxRetryAfter().toMillis();
		RetryConfig config = RetryConfig.from(configured)
			.retryOnException(PushServiceBusyException.class::isInstance)
			.intervalBiFunction((attempt, outcome) -> {
				Duration asked = outcome.isLeft() && outcome.getLeft() instanceof PushServiceBusyException busy
						? busy.retryAfter() : null;
				return (asked != null) ? Math.min(asked.toMillis(), cap) : backOff.apply(attempt, outcome);
			})
			.build();
		Retry retry = Retry.of(NAME, config, registry.getTags());
		registry.replace(NAME, retry);
		return retry;
	}

}
