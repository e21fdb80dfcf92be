package dev.herald.push.feed;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Up once the feed reads every partition of {@code notifications.v1}. */
@Component("notificationsFeed")
class FeedHealthIndicator extends AbstractHealthIndicator {

	private final NotificationsListener listener;

	FeedHealthIndicator(NotificationsListener listener) {
		this.listener = listener;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.status(this.listener.isReady() ? "UP" : "DOWN");
	}

}
