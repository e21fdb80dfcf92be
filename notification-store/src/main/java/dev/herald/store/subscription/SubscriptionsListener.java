package dev.herald.store.subscription;

import java.util.HashSet;
import java.util.List;

import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.rules.TopicKeys;
import dev.herald.support.kafka.InvalidRecordException;
import dev.herald.support.web.Identifiers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code subscriptions.v1}, the bulk changes upstream services make through
 * ingest; the offset is committed after the rows are written. A record that breaks the
 * rules ingest applies (a producer writing Avro directly) is dead-lettered with its
 * reason, never half applied.
 */
@Component
class SubscriptionsListener {

	static final int MAX_USERS = 1000;

	private static final Logger log = LoggerFactory.getLogger(SubscriptionsListener.class);

	private final Subscriptions subscriptions;

	SubscriptionsListener(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@KafkaListener(id = "herald-store-subscriptions", groupId = "herald-store-subscriptions",
			topics = "#{T(dev.herald.schema.topic.Topics).SUBSCRIPTIONS.name()}",
			containerFactory = "subscriptionsListenerFactory")
	void on(ConsumerRecord<String, SubscriptionChange> record) {
		SubscriptionChange change = check(record);
		List<String> userIds = List.copyOf(new HashSet<>(change.getUserIds()));
		int changed = change.getSubscribed() ? this.subscriptions.subscribe(change.getTopic(), userIds)
				: this.subscriptions.unsubscribe(change.getTopic(), userIds);
		log.debug("Subscription change {} on {}: {} of {} users {}", change.getChangeId(), change.getTopic(), changed,
				userIds.size(), change.getSubscribed() ? "subscribed" : "unsubscribed");
	}

	private static SubscriptionChange check(ConsumerRecord<String, SubscriptionChange> record) {
		SubscriptionChange change = record.value();
		if (change == null) {
			throw new InvalidRecordException("value: a subscription change is required, got a tombstone");
		}
		if (!TopicKeys.isTopicKey(change.getTopic())) {
			throw new InvalidRecordException("topic: " + TopicKeys.RULE);
		}
		if (!change.getTopic().equals(record.key())) {
			throw new InvalidRecordException("key: " + record.key() + " differs from the topic " + change.getTopic());
		}
		List<String> userIds = change.getUserIds();
		if (userIds.isEmpty() || userIds.size() > MAX_USERS) {
			throw new InvalidRecordException("userIds: must list 1 to " + MAX_USERS + " user ids");
		}
		for (int i = 0; i < userIds.size(); i++) {
			String problem = Identifiers.problem(userIds.get(i));
			if (problem != null) {
				throw new InvalidRecordException("userIds[" + i + "]: " + problem);
			}
		}
		return change;
	}

}
