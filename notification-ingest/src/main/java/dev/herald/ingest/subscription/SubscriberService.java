package dev.herald.ingest.subscription;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.herald.ingest.input.Fields;
import dev.herald.ingest.publish.KafkaPublisher;
import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.rules.TopicKeys;

import org.springframework.stereotype.Service;

/** Checks a bulk subscription change and writes it to Kafka, all users or none. */
@Service
class SubscriberService {

	static final int MAX_USERS = 1000;

	private final KafkaPublisher publisher;

	SubscriberService(KafkaPublisher publisher) {
		this.publisher = publisher;
	}

	SubscriptionChangeResult change(String topic, SubscribersRequest request, boolean subscribed) {
		Fields fields = new Fields();
		if (!TopicKeys.isTopicKey(topic)) {
			fields.add("topic", TopicKeys.RULE);
		}
		List<String> userIds = userIds(fields, request.userIds());
		fields.throwIfAny();
		SubscriptionChange change = new SubscriptionChange(UUID.randomUUID().toString(), topic, userIds, subscribed,
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.publisher.publishSubscriptionChange(change);
		return new SubscriptionChangeResult(change.getChangeId(), topic, userIds.size(), subscribed);
	}

	private static List<String> userIds(Fields fields, List<String> userIds) {
		if (userIds == null || userIds.isEmpty() || userIds.size() > MAX_USERS) {
			fields.add("userIds", "must list 1 to " + MAX_USERS + " user ids"
					+ ((userIds != null && !userIds.isEmpty()) ? ", it has " + userIds.size() : ""));
			return List.of();
		}
		Set<String> distinct = new LinkedHashSet<>();
		for (int i = 0; i < userIds.size(); i++) {
			distinct.add(fields.id("userIds[" + i + "]", userIds.get(i), true));
		}
		return List.copyOf(distinct.stream().filter((id) -> id != null).toList());
	}

}
