package dev.herald.digest.scheduling;

import java.time.Duration;

import dev.herald.digest.DigestProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code digestScheduler} health: DOWN when the scheduler has not completed a run for
 * much longer than its interval (a stuck SMTP retry cycle, a dead database).
 */
@Component("digestSchedulerHealthIndicator")
class SchedulerHealth implements HealthIndicator {

	private static final Duration MIN_GRACE = Duration.ofMinutes(15);

	private final DigestScheduler scheduler;

	private final Duration grace;

	SchedulerHealth(DigestScheduler scheduler, DigestProperties properties) {
		this.scheduler = scheduler;
		Duration tenRuns = properties.scheduler().interval().multipliedBy(10);
		this.grace = (tenRuns.compareTo(MIN_GRACE) > 0) ? tenRuns : MIN_GRACE;
	}

	@Override
	public Health health() {
		Duration since = Duration.ofNanos(System.nanoTime() - this.scheduler.lastRunNanos());
		Health.Builder health = since.compareTo(this.grace) <= 0 ? Health.up() : Health.down();
		return health.withDetail("lastRunSecondsAgo", since.toSeconds()).build();
	}

}
