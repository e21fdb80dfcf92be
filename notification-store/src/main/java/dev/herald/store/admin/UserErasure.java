package dev.herald.store.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.herald.schema.EventKind;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.UserContact;
import dev.herald.schema.topic.Topics;
import dev.herald.store.admin.AdminDtos.Erasure;
import dev.herald.store.broadcast.Broadcasts;
import dev.herald.store.contacts.Contacts;
import dev.herald.store.subscription.Subscriptions;
import dev.herald.support.kafka.KafkaAcks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Erases a user. The store's own per-user rows (contact, subscriptions, broadcast
 * recipients and audiences) go at once; then a tombstone on {@code user-contacts.v1}
 * makes every copy of the contact go, and a {@code USER_DELETED} event keyed by the user,
 * queued behind the user's in-flight events, makes the pipeline erase the inbox, ledger,
 * history and preferences and show the user as deleted where they acted.
 */
@Service
class UserErasure {

	private static final Logger log = LoggerFactory.getLogger(UserErasure.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private final Contacts contacts;

	private final Broadcasts broadcasts;

	private final Subscriptions subscriptions;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, SocialEvent> events;

	private final KafkaTemplate<String, UserContact> contactsTemplate;

	UserErasure(Contacts contacts, Broadcasts broadcasts, Subscriptions subscriptions, TransactionTemplate transactions,
			KafkaTemplate<String, SocialEvent> socialEventsTemplate,
			KafkaTemplate<String, UserContact> contactsTemplate) {
		this.contacts = contacts;
		this.broadcasts = broadcasts;
		this.subscriptions = subscriptions;
		this.transactions = transactions;
		this.events = socialEventsTemplate;
		this.contactsTemplate = contactsTemplate;
	}

	/**
	 * Erases the user. Removing them from the broadcasts first waits for a fan-out batch
	 * that holds them, so its announcement precedes the deletion on their partition.
	 */
	Erasure erase(String userId) {
		this.transactions.executeWithoutResult((status) -> {
			this.broadcasts.forgetUser(userId);
			this.subscriptions.forgetUser(userId);
			this.contacts.delete(userId);
		});
		await(this.contactsTemplate.send(Topics.USER_CONTACTS.name(), userId, null));
		SocialEvent deleted = SocialEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setKind(EventKind.USER_DELETED)
			.setOccurredAt(Instant.now())
			.setRecipientId(userId)
			.setAttributes(Map.of())
			.build();
		await(this.events.send(Topics.SOCIAL_EVENTS.name(), userId, deleted));
		log.info("Erasure of {} accepted as event {}", userId, deleted.getEventId());
		return new Erasure(userId, deleted.getEventId());
	}

	private static void await(CompletableFuture<?> send) {
		try {
			KafkaAcks.await(List.of(send), SEND_TIMEOUT);
		}
		catch (KafkaAcks.UnacknowledgedException ex) {
			throw unavailable(ex);
		}
	}

	private static ErrorResponseException unavailable(Exception cause) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Kafka did not acknowledge the erasure; it is safe to retry");
		problem.setTitle("Kafka unavailable");
		return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
	}

}
