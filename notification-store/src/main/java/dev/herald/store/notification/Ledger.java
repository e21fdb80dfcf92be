package dev.herald.store.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.Channel;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.StateChange;
import dev.herald.schema.topic.Topics;
import dev.herald.support.tracing.TraceContexts;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-user ledger ({@code user_state}) and the outbox ({@code changes}). Inside one
 * transaction a {@link Session} locks the users it touches (the row lock serialises every
 * writer of a user, so seqs are gap-free and in commit order and the unread and unseen
 * counts are exact), then {@link Session#flush()} writes the new states and changes and
 * has the {@link RelayDoorbell} wake the relay once the transaction has committed.
 */
@Component
public class Ledger {

	/** The {@code LISTEN/NOTIFY} channel that wakes the outbox relay. */
	public static final String CHANNEL = "herald_changes";

	private static final Serializer<NotificationChange> ENCODER = Topics.NOTIFICATIONS.valueSerde().serializer();

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final RelayDoorbell doorbell;

	private final TraceContexts traces;

	public Ledger(JdbcClient jdbc, JdbcTemplate template, RelayDoorbell doorbell, TraceContexts traces) {
		this.jdbc = jdbc;
		this.template = template;
		this.doorbell = doorbell;
		this.traces = traces;
	}

	/** A session for the current transaction. */
	public Session open() {
		return new Session();
	}

	/** Seq and counts of a user, or zeros for a user never seen; not locked. */
	public UserState read(String userId) {
		return this.jdbc.sql("SELECT seq, unread_count, unseen_count FROM user_state WHERE user_id = ?")
			.param(userId)
			.query((rs, n) -> new UserState(rs.getLong(1), rs.getInt(2), rs.getInt(3)))
			.optional()
			.orElse(new UserState(0, 0, 0));
	}

	/**
	 * A user's seq and counts.
	 *
	 * @param seq the last seq handed out
	 * @param unreadCount the exact number of notifications neither read nor archived
	 * @param unseenCount the exact number of notifications neither seen nor archived
	 */
	public record UserState(long seq, int unreadCount, int unseenCount) {

	}

	/**
	 * What a change does to the user's counts.
	 *
	 * @param unread added to the unread count
	 * @param unseen added to the unseen count
	 */
	public record Counts(int unread, int unseen) {

		/** Leaves both counts as they are. */
		public static final Counts NONE = new Counts(0, 0);

		/** One more unread and unseen notification. */
		public static final Counts ONE_NEW = new Counts(1, 1);

		/**
		 * What one notification in this state counts: unread unless read or archived,
		 * unseen unless seen or archived. A change's counts are its notifications' after
		 * minus before.
		 */
		public static Counts of(boolean read, boolean seen, boolean archived) {
			return new Counts((read || archived) ? 0 : 1, (seen || archived) ? 0 : 1);
		}

		/** What removing these notifications takes from the counts. */
		public static Counts removing(Collection<StoredNotification> notifications) {
			Counts removed = NONE;
			for (StoredNotification notification : notifications) {
				removed = removed.minus(notification.counts());
			}
			return removed;
		}

		public Counts plus(Counts other) {
			return new Counts(this.unread + other.unread, this.unseen + other.unseen);
		}

		public Counts minus(Counts other) {
			return new Counts(this.unread - other.unread, this.unseen - other.unseen);
		}

	}

	/** The users locked and the changes emitted in one transaction. */
	public final class Session {

		private final Map<String, long[]> states = new HashMap<>();

		private final List<Object[]> changes = new ArrayList<>();

		private final Set<String> dirty = new HashSet<>();

		private Session() {
		}

		/**
		 * Locks the users' rows (creating them), in id order to avoid deadlocks. This is
		 * also what gives the transaction its id before it takes change ids, which the
		 * outbox relay's ordering relies on.
		 */
		public void lock(Collection<String> userIds) {
			TreeSet<String> missing = new TreeSet<>(userIds);
			missing.removeAll(this.states.keySet());
			if (missing.isEmpty()) {
				return;
			}
			Ledger.this.jdbc.sql("""
					INSERT INTO user_state (user_id) SELECT unnest(?::text[]) ORDER BY 1
					ON CONFLICT (user_id) DO UPDATE SET seq = user_state.seq
					RETURNING user_id, seq, unread_count, unseen_count""")
				.param(missing.toArray(String[]::new))
				.query((rs, n) -> this.states.put(rs.getString(1),
						new long[] { rs.getLong(2), rs.getInt(3), rs.getInt(4) }))
				.list();
		}

		public void lock(String userId) {
			lock(List.of(userId));
		}

		public int unreadCount(String userId) {
			return (int) state(userId)[1];
		}

		public int unseenCount(String userId) {
			return (int) state(userId)[2];
		}

		public long seq(String userId) {
			return state(userId)[0];
		}

		/** Records a change of a locked user's inbox; returns its seq. */
		public long emit(String userId, ChangeKind kind, Notification notification, List<String> ids, Counts counts,
				List<Channel> channels, Instant occurredAt) {
			return emit(userId, kind, null, notification, ids, counts, channels, false, occurredAt);
		}

		/**
		 * Records a new or grown notification for its delivery channels and, when
		 * {@code webPush}, for the user's Web Push subscriptions; returns its seq.
		 */
		public long emit(String userId, ChangeKind kind, Notification notification, List<String> ids, Counts counts,
				List<Channel> channels, boolean webPush, Instant occurredAt) {
			return emit(userId, kind, null, notification, ids, counts, channels, webPush, occurredAt);
		}

		/**
		 * Records a state change that readers of {@code kind} alone take for that kind
		 * (see {@link NotificationChange#getStateChange()}); returns its seq.
		 */
		public long emit(String userId, ChangeKind kind, StateChange stateChange, Notification notification,
				List<String> ids, Counts counts, List<Channel> channels, Instant occurredAt) {
			return emit(userId, kind, stateChange, notification, ids, counts, channels, false, occurredAt);
		}

		private long emit(String userId, ChangeKind kind, StateChange stateChange, Notification notification,
				List<String> ids, Counts counts, List<Channel> channels, boolean webPush, Instant occurredAt) {
			long[] state = state(userId);
			state[0]++;
			state[1] += counts.unread();
			state[2] += counts.unseen();
			this.dirty.add(userId);
			NotificationChange change = NotificationChange.newBuilder()
				.setUserId(userId)
				.setSeq(state[0])
				.setKind(kind)
				.setStateChange(stateChange)
				.setNotification(notification)
				.setNotificationIds(ids)
				.setUnreadCount((int) state[1])
				.setUnseenCount((int) state[2])
				.setChannels(channels)
				.setWebPush(webPush)
				.setOccurredAt(occurredAt)
				.setEmittedAt(Instant.now())
				.build();
			// the trace of what caused the change goes with it through the outbox
			this.changes.add(new Object[] { userId, state[0], kind.name(),
					ENCODER.serialize(Topics.NOTIFICATIONS.name(), change), Ledger.this.traces.currentTraceParent() });
			return state[0];
		}

		/** Erases a user's ledger and change history (the user was deleted). */
		public void erase(String userId) {
			Ledger.this.jdbc.sql("DELETE FROM changes WHERE user_id = ?").param(userId).update();
			Ledger.this.jdbc.sql("DELETE FROM user_state WHERE user_id = ?").param(userId).update();
			this.states.remove(userId);
			this.dirty.remove(userId);
			this.changes.removeIf((row) -> userId.equals(row[0]));
		}

		/** Writes the states and changes; the relay is woken after the commit. */
		public void flush() {
			if (this.changes.isEmpty()) {
				return;
			}
			List<String> users = List.copyOf(this.dirty);
			Ledger.this.jdbc.sql("""
					UPDATE user_state u SET seq = v.seq, unread_count = v.unread, unseen_count = v.unseen
					FROM unnest(?::text[], ?::bigint[], ?::int[], ?::int[]) AS v (user_id, seq, unread, unseen)
					WHERE u.user_id = v.user_id""")
				.params(users.toArray(String[]::new),
						users.stream().map((user) -> this.states.get(user)[0]).toArray(Long[]::new),
						users.stream().map((user) -> (int) this.states.get(user)[1]).toArray(Integer[]::new),
						users.stream().map((user) -> (int) this.states.get(user)[2]).toArray(Integer[]::new))
				.update();
			// clock_timestamp(), taken under the user's lock, grows with seq: retention
			// by age then only ever removes the oldest seqs of a user, never one in the
			// middle. The relay's ordering needs no more than the ids this insert takes.
			Ledger.this.template.batchUpdate(
					"INSERT INTO changes (user_id, seq, kind, payload, trace_parent, created_at) VALUES (?, ?, ?, ?, ?, clock_timestamp())",
					this.changes);
			Ledger.this.doorbell.ringAfterCommit();
			this.changes.clear();
			this.dirty.clear();
		}

		private long[] state(String userId) {
			if (!this.states.containsKey(userId)) {
				lock(userId);
			}
			return this.states.get(userId);
		}

	}

}
