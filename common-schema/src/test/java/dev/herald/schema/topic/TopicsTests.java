package dev.herald.schema.topic;

import dev.herald.schema.Samples;
import dev.herald.schema.SocialEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTests {

	@Test
	void declaresTheTopicsOfTheDesign() {
		assertThat(Topics.ALL).extracting(Topic::name)
			.containsExactly("social.events.v1", "notifications.v1", "user-preferences.v1", "user-contacts.v1",
					"subscriptions.v1");
		assertThat(Topics.ALL).filteredOn(Topic::compacted)
			.extracting(Topic::name)
			.containsExactly("user-preferences.v1", "user-contacts.v1");
	}

	@Test
	void namesDeadLetterTopicsAfterTheirSource() {
		assertThat(Topics.SOCIAL_EVENTS.deadLetter().name()).isEqualTo("social.events.v1.dlt");
		assertThat(Topics.SOCIAL_EVENTS.deadLetter().compacted()).isFalse();
	}

	@Test
	void carriesSerdesThatRoundTrip() {
		Topic<String, SocialEvent> topic = Topics.SOCIAL_EVENTS;
		byte[] key = topic.keySerde().serializer().serialize(topic.name(), "user-1");
		byte[] value = topic.valueSerde().serializer().serialize(topic.name(), Samples.socialEvent());
		assertThat(topic.keySerde().deserializer().deserialize(topic.name(), key)).isEqualTo("user-1");
		assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), value)).isEqualTo(Samples.socialEvent());
	}

}
