package dev.herald.store.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.topic.Topics;
import dev.herald.store.Events;
import dev.herald.store.StoreIntegrationTest;
import dev.herald.support.kafka.HeraldKafkaAutoConfiguration;
import dev.herald.testinfra.RecordCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterTests extends StoreIntegrationTest {

	private static final RecordCollector<byte[], byte[]> deadLetters = kafka.collect(Topics.SOCIAL_EVENTS.deadLetter());

	DeadLetterTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@AfterAll
	static void closeCollector() {
		deadLetters.close();
	}

	@Test
	void undecodableRecordGoesToDeadLetterTopicAndTheNextIsProcessed() {
		String user = newUser();
		kafka.sendRaw(Topics.SOCIAL_EVENTS.name(), bytes(user), bytes("not avro at all"));
		send(Events.follow(user, "next-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		ConsumerRecord<byte[], byte[]> dead = deadLetterOf(user);
		assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
		assertThat(reason(dead)).isNotBlank();
	}

	@Test
	void invalidEventGoesToDeadLetterTopicWithTheReason() {
		String user = newUser();
		SocialEvent noReaction = Events.base(EventKind.REACTION_ADDED, user)
			.setActor(Events.actor("alice-" + UUID.randomUUID()))
			.setContent(Events.artwork("x"))
			.build();
		send(noReaction, Events.follow(user, "next-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		assertThat(reason(deadLetterOf(user))).contains("reaction: required for REACTION_ADDED");
		assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = ?", noReaction.getEventId())).isZero();
	}

	/**
	 * A producer publishing Avro directly meets the URL rule ingest applies: a link a
	 * client would put in an {@code href} is never {@code javascript:}.
	 */
	@Test
	void anEventWithALinkThatIsNotAnHttpUrlGoesToTheDeadLetterTopicNamingTheField() {
		String user = newUser();
		SocialEvent scripted = Events.base(EventKind.FOLLOW, user)
			.setActor(Events.actor("mallory-" + UUID.randomUUID()))
			.setActionUrl("javascript:alert(document.cookie)")
			.build();
		SocialEvent badThumbnail = Events.base(EventKind.REACTION_ADDED, user)
			.setActor(Events.actor("eve-" + UUID.randomUUID()))
			.setContent(new dev.herald.schema.ContentRef("artwork", "t", "T", "https://art.example/t", "data:x"))
			.setReaction("❤")
			.build();
		send(scripted, badThumbnail, Events.follow(user, "next-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(1));
		await().untilAsserted(() -> assertThat(recordsOf(user)).hasSize(2));
		assertThat(recordsOf(user)).extracting(DeadLetterTests::reason)
			.anySatisfy((reason) -> assertThat(reason).contains("actionUrl: must be an absolute http(s) URL"))
			.anySatisfy(
					(reason) -> assertThat(reason).contains("content.thumbnailUrl: must be an absolute http(s) URL"));
	}

	/**
	 * A record the validator lets through but PostgreSQL refuses (a NUL character in a
	 * text, from a producer that publishes Avro directly) fails alone: it goes to the
	 * dead-letter topic with its reason after its retries, and every other record of its
	 * batch, for the same user and for others, is stored.
	 */
	@Test
	void aRecordThatFailsWhileItIsAppliedGoesToTheDeadLetterTopicAloneAndItsBatchIsStored() {
		String user = newUser();
		String other = newUser();
		SocialEvent poison = Events.comment(user, "mallory-" + UUID.randomUUID(), "c-poison", "bad\u0000text");
		send(Events.follow(user, "before-" + UUID.randomUUID()), poison,
				Events.follow(user, "after-" + UUID.randomUUID()),
				Events.follow(other, "neighbour-" + UUID.randomUUID()));
		await().untilAsserted(() -> assertThat(published(user)).hasSize(2));
		await().untilAsserted(() -> assertThat(published(other)).hasSize(1));
		ConsumerRecord<byte[], byte[]> dead = deadLetterOf(user);
		assertThat(Topics.SOCIAL_EVENTS.valueSerde().deserializer().deserialize("", dead.value()).getEventId())
			.isEqualTo(poison.getEventId());
		assertThat(reason(dead)).containsIgnoringCase("0x00");
		assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = ?", poison.getEventId())).isZero();
	}

	private static ConsumerRecord<byte[], byte[]> deadLetterOf(String user) {
		await().untilAsserted(() -> assertThat(recordsOf(user)).hasSize(1));
		return recordsOf(user).get(0);
	}

	private static List<ConsumerRecord<byte[], byte[]>> recordsOf(String user) {
		return deadLetters.records()
			.stream()
			.filter((r) -> user.equals(new String(r.key(), StandardCharsets.UTF_8)))
			.toList();
	}

	private static String reason(ConsumerRecord<byte[], byte[]> record) {
		Header header = record.headers().lastHeader(HeraldKafkaAutoConfiguration.REASON_HEADER);
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
