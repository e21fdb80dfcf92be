package dev.herald.schema.topic;

import java.util.List;

import dev.herald.schema.NotificationChange;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.SubscriptionChange;
import dev.herald.schema.UserContact;
import dev.herald.schema.UserPreferences;
import dev.herald.schema.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalogue. Keys are the user id as a UTF-8 string, so everything about one
 * user is on one partition, in order; records about a subscription topic (a topic event,
 * a subscription change) are keyed by that topic.
 */
public final class Topics {

	/**
	 * Events reported by upstream services; key: recipient id (the topic for a topic
	 * event). Produced by ingest.
	 */
	public static final Topic<String, SocialEvent> SOCIAL_EVENTS = new Topic<>("social.events.v1", Serdes.String(),
			AvroSerde.of(SocialEvent.class), false);

	/**
	 * Per-user notification changes in seq order; key: user id. Produced by the store's
	 * outbox.
	 */
	public static final Topic<String, NotificationChange> NOTIFICATIONS = new Topic<>("notifications.v1",
			Serdes.String(), AvroSerde.of(NotificationChange.class), false);

	/** Latest preferences per user, tombstone on erase. Produced by the store. */
	public static final Topic<String, UserPreferences> USER_PREFERENCES = new Topic<>("user-preferences.v1",
			Serdes.String(), AvroSerde.of(UserPreferences.class), true);

	/** Latest contact details per user, tombstone on erase. Produced by ingest. */
	public static final Topic<String, UserContact> USER_CONTACTS = new Topic<>("user-contacts.v1", Serdes.String(),
			AvroSerde.of(UserContact.class), true);

	/**
	 * Users following or leaving a subscription topic, in bulk; key: the subscription
	 * topic (e.g. {@code thread:9}). Produced by ingest, consumed by the store, which
	 * owns the subscriptions.
	 */
	public static final Topic<String, SubscriptionChange> SUBSCRIPTIONS = new Topic<>("subscriptions.v1",
			Serdes.String(), AvroSerde.of(SubscriptionChange.class), false);

	/** Every topic above; their dead-letter topics are {@link Topic#deadLetter()}. */
	public static final List<Topic<String, ?>> ALL = List.of(SOCIAL_EVENTS, NOTIFICATIONS, USER_PREFERENCES,
			USER_CONTACTS, SUBSCRIPTIONS);

	private Topics() {
	}

}
