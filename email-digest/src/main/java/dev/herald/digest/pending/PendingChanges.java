package dev.herald.digest.pending;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.herald.digest.DigestMetrics;
import dev.herald.digest.recipients.Recipients;
import dev.herald.schema.Channel;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.InvalidRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies {@code notifications.v1} changes to the pending items, once each: a change
 * whose seq is not above the user's last applied seq is a replay and skipped. The changes
 * of a poll are applied in one transaction.
 */
@Service
class PendingChanges {

	private static final Logger log = LoggerFactory.getLogger(PendingChanges.class);

	/** Advances the users' last seqs where they are later; returns the users advanced. */
	private static final String ADVANCE = """
			INSERT INTO seen_changes (user_id, last_seq) SELECT * FROM unnest(?::text[], ?::bigint[])
			ON CONFLICT (user_id) DO UPDATE SET last_seq = EXCLUDED.last_seq WHERE seen_changes.last_seq < EXCLUDED.last_seq
			RETURNING user_id
			""";

	private final PendingItems items;

	private final Recipients recipients;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final DigestMetrics metrics;

	PendingChanges(PendingItems items, Recipients recipients, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock, TransactionTemplate transactions, DigestMetrics metrics) {
		this.items = items;
		this.recipients = recipients;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.transactions = transactions;
		this.metrics = metrics;
	}

	/**
	 * Applies the changes in one transaction, in their order (so two changes of one user
	 * keep theirs), and arms the schedule of each user who got a digest item once.
	 * Tombstones are skipped. The users' last seqs are read and locked with one statement
	 * and advanced with one; the item writes are reduced to what the poll leaves and
	 * written with one statement per kind ({@link ItemWrites}).
	 * @param records the changes of one poll, or a part of it
	 */
	void applyAll(List<ConsumerRecord<String, NotificationChange>> records) {
		List<NotificationChange> changes = new ArrayList<>(records.size());
		for (ConsumerRecord<String, NotificationChange> record : records) {
			if (record.value() != null) {
				validate(record.key(), record.value());
				changes.add(record.value());
			}
		}
		this.transactions.executeWithoutResult((status) -> {
			Batch batch = new Batch();
			for (NotificationChange change : fresh(changes)) {
				apply(change, batch);
			}
			batch.writes.writeTo(this.items);
			batch.pending.forEach((userId, critical) -> this.events.publishEvent(new ItemPending(userId, critical)));
		});
		this.metrics.batchApplied(records.size());
	}

	/**
	 * The changes not applied before: above the user's last applied seq (read and locked
	 * here), of users whose seq this transaction then advanced; another consumer of the
	 * same partition (during a rebalance) may have advanced a user first.
	 */
	private List<NotificationChange> fresh(List<NotificationChange> changes) {
		if (changes.isEmpty()) {
			return changes;
		}
		Map<String, Long> seen = new HashMap<>();
		this.jdbc.sql("SELECT user_id, last_seq FROM seen_changes WHERE user_id = ANY(?) ORDER BY user_id FOR UPDATE")
			.param(changes.stream().map(NotificationChange::getUserId).distinct().toArray(String[]::new))
			.query((rs, row) -> seen.put(rs.getString(1), rs.getLong(2)))
			.list();
		List<NotificationChange> fresh = new ArrayList<>();
		Map<String, Long> last = new LinkedHashMap<>();
		for (NotificationChange change : changes) {
			Long applied = seen.get(change.getUserId());
			if (applied != null && applied >= change.getSeq()) {
				log.debug("Skipped replayed change {} of {}", change.getSeq(), change.getUserId());
				continue;
			}
			seen.put(change.getUserId(), change.getSeq());
			last.put(change.getUserId(), change.getSeq());
			fresh.add(change);
		}
		if (fresh.isEmpty()) {
			return fresh;
		}
		List<String> users = last.keySet().stream().sorted().toList();
		Set<String> advanced = new HashSet<>(this.jdbc.sql(ADVANCE)
			.params(users.toArray(String[]::new), users.stream().map(last::get).toArray(Long[]::new))
			.query(String.class)
			.list());
		return fresh.stream().filter((change) -> advanced.contains(change.getUserId())).toList();
	}

	private void apply(NotificationChange change, Batch batch) {
		String userId = change.getUserId();
		switch (change.getKind()) {
			case CREATED, UPDATED -> addOrRefresh(userId, change, batch);
			case READ, DELETED -> batch.writes.delete(userId, change.getNotificationIds());
			case ALL_READ -> allRead(userId, change, batch);
			case UNREAD -> log.debug("UNREAD of {} ignored: digests list new notifications only", userId);
		}
	}

	private void addOrRefresh(String userId, NotificationChange change, Batch batch) {
		Notification notification = change.getNotification();
		boolean mailable = change.getChannels().contains(Channel.EMAIL) && !notification.getRead();
		boolean critical = notification.getCritical();
		if (!mailable || (!critical && !batch.wantsDigests(userId))) {
			batch.writes.delete(userId, List.of(notification.getId()));
			return;
		}
		String contentUrl = (notification.getContent() != null) ? notification.getContent().getUrl() : null;
		batch.writes.upsert(userId,
				new PendingItem(notification.getId(), notification.getTemplateKey(), notification.getParams(),
						contentUrl, notification.getActionUrl(), notification.getCommentId(),
						notification.getAttributes(), critical, notification.getUpdatedAt(), this.clock.instant()));
		batch.pending.merge(userId, critical, Boolean::logicalAnd);
	}

	private void allRead(String userId, NotificationChange change, Batch batch) {
		if (change.getNotificationIds().isEmpty()) {
			batch.writes.deleteAll(userId);
		}
		else {
			batch.writes.delete(userId, change.getNotificationIds());
		}
	}

	/**
	 * Rejects a change that cannot be applied: its user is not the record key, or a
	 * {@code CREATED}/{@code UPDATED} has no notification.
	 * @param key the record key
	 * @param change the change
	 * @throws InvalidRecordException with the reason
	 */
	static void validate(String key, NotificationChange change) {
		if (change.getUserId().isBlank() || !change.getUserId().equals(key)) {
			throw new InvalidRecordException(
					"userId '" + change.getUserId() + "' does not match the record key '" + key + "'");
		}
		boolean needsNotification = switch (change.getKind()) {
			case CREATED, UPDATED -> true;
			default -> false;
		};
		if (needsNotification && change.getNotification() == null) {
			throw new InvalidRecordException(change.getKind() + " change " + change.getSeq() + " has no notification");
		}
	}

	/**
	 * What one transaction learnt: the users with a new digest item (true when all of
	 * theirs were critical), whether each user wants digests, and the item writes.
	 */
	private final class Batch {

		private final Map<String, Boolean> pending = new LinkedHashMap<>();

		private final Map<String, Boolean> wantsDigests = new HashMap<>();

		private final ItemWrites writes = new ItemWrites();

		boolean wantsDigests(String userId) {
			return this.wantsDigests.computeIfAbsent(userId,
					(id) -> PendingChanges.this.recipients.find(id).wantsDigests());
		}

	}

}
