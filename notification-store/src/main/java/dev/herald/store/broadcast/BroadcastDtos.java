package dev.herald.store.broadcast;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.herald.schema.rules.TopicKeys;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request and response bodies of the broadcast API.
 */
final class BroadcastDtos {

	private BroadcastDtos() {
	}

	/** Where a broadcast stands. */
	enum Status {

		SCHEDULED, RUNNING, COMPLETED, CANCELLED, FAILED

	}

	/** Who a broadcast goes to. */
	enum AudienceType {

		/** Every known user: with a contact, a ledger or saved preferences. */
		ALL,
		/** The listed user ids. */
		USERS,
		/** Users whose contact attribute has the given value. */
		ATTRIBUTE,
		/**
		 * The subscribers of a topic (but a topic event's actor): how topic events fan
		 * out.
		 */
		TOPIC

	}

	/**
	 * A new broadcast.
	 *
	 * @param message what the recipients read
	 * @param critical whether it bypasses the recipients' switches and muting; absent
	 * means false
	 * @param audience who receives it
	 * @param scheduledAt when to send it; absent means now
	 */
	record BroadcastRequest(@NotNull @Valid Message message, Boolean critical, @NotNull @Valid Audience audience,
			Instant scheduledAt) {

	}

	/**
	 * The announcement text.
	 *
	 * @param title the title, required
	 * @param body the body, may be empty
	 */
	record Message(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String body) {

	}

	/**
	 * The recipients.
	 *
	 * @param type which kind of audience
	 * @param userIds the users of a {@code USERS} audience
	 * @param attribute the contact attribute of an {@code ATTRIBUTE} audience
	 * @param value the value that attribute must have
	 * @param topic the topic of a {@code TOPIC} audience, e.g. {@code creator:alice}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Audience(@NotNull AudienceType type,
			List<@NotBlank(message = "must be a user id") @Size(max = 200) String> userIds,
			@Size(max = 100) String attribute, @Size(max = 500) String value,
			@Pattern(regexp = TopicKeys.PATTERN, message = TopicKeys.RULE) String topic) {

		Audience(AudienceType type, List<String> userIds, String attribute, String value) {
			this(type, userIds, attribute, value, null);
		}

	}

	/**
	 * A broadcast as the API shows it.
	 *
	 * @param id its id
	 * @param status where it stands
	 * @param message its text
	 * @param audience its recipients
	 * @param critical whether it is critical
	 * @param scheduledAt when it is (or was) due
	 * @param createdAt when it was created
	 * @param startedAt when the fan-out started, or null
	 * @param completedAt when it completed, was cancelled or failed, or null
	 * @param total recipients, known once it started
	 * @param sent recipients whose event Kafka acknowledged
	 * @param failure why the last batch failed, while batches fail in a row and after the
	 * broadcast FAILED; null otherwise
	 */
	record BroadcastView(UUID id, Status status, Message message, Audience audience, boolean critical,
			Instant scheduledAt, Instant createdAt, Instant startedAt, Instant completedAt, Integer total, int sent,
			String failure) {

	}

	/**
	 * Broadcasts, newest first.
	 *
	 * @param items the broadcasts
	 */
	record BroadcastList(List<BroadcastView> items) {

	}

}
