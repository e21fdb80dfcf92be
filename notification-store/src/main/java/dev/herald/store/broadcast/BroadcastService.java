package dev.herald.store.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.herald.store.broadcast.BroadcastDtos.Audience;
import dev.herald.store.broadcast.BroadcastDtos.AudienceType;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastRequest;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastView;
import dev.herald.support.web.FieldProblem;

import org.springframework.stereotype.Service;

/**
 * Creates, lists and cancels broadcasts; the scheduler sends them.
 */
@Service
class BroadcastService {

	private final Broadcasts broadcasts;

	private final BroadcastProperties properties;

	BroadcastService(Broadcasts broadcasts, BroadcastProperties properties) {
		this.broadcasts = broadcasts;
		this.properties = properties;
	}

	BroadcastView create(BroadcastRequest request) {
		Instant now = Instant.now();
		List<FieldProblem> problems = problems(request, now);
		if (!problems.isEmpty()) {
			throw BroadcastExceptions.invalid(problems);
		}
		Instant scheduledAt = (request.scheduledAt() != null) ? request.scheduledAt() : now;
		return this.broadcasts.insert(UUID.randomUUID(), request, scheduledAt).view();
	}

	List<BroadcastView> newest(int limit) {
		return this.broadcasts.newest(limit).stream().map(Broadcast::view).toList();
	}

	BroadcastView get(String id) {
		return this.broadcasts.find(parse(id)).orElseThrow(() -> BroadcastExceptions.notFound(id)).view();
	}

	/** Cancels a scheduled broadcast; the database decides a race with the scheduler. */
	BroadcastView cancel(String id) {
		UUID uuid = parse(id);
		return this.broadcasts.cancel(uuid).map(Broadcast::view).orElseThrow(() -> {
			Broadcast current = this.broadcasts.find(uuid).orElseThrow(() -> BroadcastExceptions.notFound(id));
			return BroadcastExceptions.notCancellable(uuid, current.status());
		});
	}

	/**
	 * What bean validation cannot see: rules that depend on the audience type and time.
	 */
	private List<FieldProblem> problems(BroadcastRequest request, Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		Audience audience = request.audience();
		switch (audience.type()) {
			case USERS -> {
				if (audience.userIds() == null || audience.userIds().isEmpty()
						|| audience.userIds().size() > this.properties.maxUserIds()) {
					problems.add(new FieldProblem("audience.userIds",
							"must list 1 to " + this.properties.maxUserIds() + " user ids for USERS"));
				}
			}
			case ATTRIBUTE -> {
				requireText(problems, "audience.attribute", audience.attribute(), "ATTRIBUTE");
				requireText(problems, "audience.value", audience.value(), "ATTRIBUTE");
			}
			case TOPIC -> requireText(problems, "audience.topic", audience.topic(), "TOPIC");
			case ALL -> {
			}
		}
		if (audience.type() != AudienceType.TOPIC && audience.topic() != null) {
			problems.add(new FieldProblem("audience.topic", "only allowed for TOPIC"));
		}
		if (audience.type() != AudienceType.USERS && audience.userIds() != null) {
			problems.add(new FieldProblem("audience.userIds", "only allowed for USERS"));
		}
		if (audience.type() != AudienceType.ATTRIBUTE && (audience.attribute() != null || audience.value() != null)) {
			problems.add(new FieldProblem("audience.attribute", "only allowed (with value) for ATTRIBUTE"));
		}
		if (request.scheduledAt() != null && request.scheduledAt().isBefore(now.minus(this.properties.clockSkew()))) {
			problems.add(new FieldProblem("scheduledAt", "must not be in the past"));
		}
		return problems;
	}

	private static void requireText(List<FieldProblem> problems, String field, String value, String type) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "is required for " + type));
		}
	}

	private static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw BroadcastExceptions.notFound(id);
		}
	}

}
