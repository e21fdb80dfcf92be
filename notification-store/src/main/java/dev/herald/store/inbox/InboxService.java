package dev.herald.store.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.NotificationChange;
import dev.herald.schema.StateChange;
import dev.herald.store.inbox.InboxDtos.ChangeFeed;
import dev.herald.store.inbox.InboxDtos.Counts;
import dev.herald.store.inbox.InboxDtos.Page;
import dev.herald.store.inbox.InboxQueries.PageQuery;
import dev.herald.store.notification.Ledger;
import dev.herald.store.notification.Notifications;
import dev.herald.store.notification.Notifications.Selection;
import dev.herald.store.notification.Notifications.Touched;
import dev.herald.store.notification.StoredNotification;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The user's inbox: reads, and state changes that each lock the user's ledger and emit
 * their change in the same transaction.
 */
@Service
class InboxService {

	/** The most notifications one change names. */
	static final int IDS_PER_CHANGE = 500;

	/** What an archived notification counts: nothing (archiving also reads and sees). */
	private static final Function<Touched, Ledger.Counts> ARCHIVED = (t) -> Ledger.Counts.of(true, true, true);

	private final Notifications notifications;

	private final InboxQueries queries;

	private final Ledger ledger;

	private final TransactionTemplate transactions;

	InboxService(Notifications notifications, InboxQueries queries, Ledger ledger, TransactionTemplate transactions) {
		this.notifications = notifications;
		this.queries = queries;
		this.ledger = ledger;
		this.transactions = transactions;
	}

	Page page(String userId, PageQuery query, int limit, Locale locale) {
		List<StoredNotification> rows = this.queries.page(userId, query, limit + 1);
		List<StoredNotification> items = rows.subList(0, Math.min(limit, rows.size()));
		StoredNotification last = items.isEmpty() ? null : items.get(items.size() - 1);
		String next = (rows.size() > limit) ? new Cursor(last.createdAt(), last.id()).encode() : null;
		return new Page(items.stream().map((n) -> NotificationView.of(n.toAvro(), locale)).toList(), next);
	}

	NotificationView get(String userId, String id, Locale locale) {
		return this.notifications.find(userId, parse(id))
			.map((n) -> NotificationView.of(n.toAvro(), locale))
			.orElseThrow(() -> InboxExceptions.notFound(id));
	}

	Counts counts(String userId) {
		Ledger.UserState state = this.ledger.read(userId);
		return new Counts(state.unreadCount(), state.unseenCount(), state.seq());
	}

	void delete(String userId, String id) {
		UUID uuid = parse(id);
		inTransaction(userId, (session) -> {
			StoredNotification deleted = this.notifications.delete(userId, uuid)
				.orElseThrow(() -> InboxExceptions.notFound(id));
			session.emit(userId, ChangeKind.DELETED, null, List.of(id), Ledger.Counts.removing(List.of(deleted)),
					List.of(), Instant.now());
		});
	}

	Counts delete(String userId, Selection selection) {
		return inTransaction(userId, (session) -> {
			List<StoredNotification> deleted = this.notifications.delete(userId, selection);
			for (List<StoredNotification> chunk : chunks(deleted)) {
				session.emit(userId, ChangeKind.DELETED, null, chunk.stream().map((n) -> n.id().toString()).toList(),
						Ledger.Counts.removing(chunk), List.of(), Instant.now());
			}
		});
	}

	Counts setRead(String userId, Selection selection, boolean read) {
		return inTransaction(userId, (session) -> {
			List<Touched> changed = this.notifications.setRead(userId, selection, read);
			emit(session, userId, read ? ChangeKind.READ : ChangeKind.UNREAD, null, changed,
					(t) -> Ledger.Counts.of(read, read || t.seen(), t.archived()));
		});
	}

	/** Marks read what was created before {@code before} (everything when null). */
	Counts readAll(String userId, Instant before) {
		return inTransaction(userId, (session) -> {
			List<Touched> changed = this.notifications.setRead(userId, Selection.matching(null, null, before), true);
			emit(session, userId, ChangeKind.ALL_READ, null, changed,
					(t) -> Ledger.Counts.of(true, true, t.archived()));
		});
	}

	Counts markSeen(String userId, Selection selection) {
		return inTransaction(userId, (session) -> {
			List<Touched> changed = this.notifications.markSeen(userId, selection);
			emit(session, userId, ChangeKind.UNREAD, StateChange.SEEN, changed,
					(t) -> Ledger.Counts.of(t.read(), true, t.archived()));
		});
	}

	Counts archive(String userId, Selection selection) {
		return inTransaction(userId, (session) -> {
			List<Touched> changed = this.notifications.setArchived(userId, selection, true);
			emit(session, userId, ChangeKind.READ, StateChange.ARCHIVED, changed, ARCHIVED);
		});
	}

	/** Archives or unarchives one notification; 404 when it is not the user's. */
	Counts setArchived(String userId, String id, boolean archived) {
		UUID uuid = parse(id);
		return inTransaction(userId, (session) -> {
			this.notifications.find(userId, uuid).orElseThrow(() -> InboxExceptions.notFound(id));
			List<Touched> changed = this.notifications.setArchived(userId, Selection.of(List.of(uuid)), archived);
			if (archived) {
				emit(session, userId, ChangeKind.READ, StateChange.ARCHIVED, changed, ARCHIVED);
			}
			else {
				emit(session, userId, ChangeKind.UNREAD, StateChange.UNARCHIVED, changed,
						(t) -> Ledger.Counts.of(t.read(), t.seen(), false));
			}
		});
	}

	/**
	 * One change per {@value #IDS_PER_CHANGE} notifications, so a change stays a small
	 * Kafka record whatever a filter takes; its counts are the notifications' counts
	 * {@code after} the action minus before.
	 */
	private static void emit(Ledger.Session session, String userId, ChangeKind kind, StateChange stateChange,
			List<Touched> changed, Function<Touched, Ledger.Counts> after) {
		for (List<Touched> chunk : chunks(changed)) {
			Ledger.Counts delta = Ledger.Counts.NONE;
			for (Touched touched : chunk) {
				delta = delta.plus(after.apply(touched).minus(touched.counts()));
			}
			session.emit(userId, kind, stateChange, null, chunk.stream().map((t) -> t.id().toString()).toList(), delta,
					List.of(), Instant.now());
		}
	}

	private static <T> List<List<T>> chunks(List<T> items) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < items.size(); from += IDS_PER_CHANGE) {
			chunks.add(items.subList(from, Math.min(items.size(), from + IDS_PER_CHANGE)));
		}
		return chunks;
	}

	ChangeFeed changes(String userId, long since, int limit, Locale locale) {
		long latest = this.ledger.read(userId).seq();
		List<NotificationChange> changes = this.queries.changes(userId, since, limit + 1);
		boolean continuous = changes.isEmpty() ? since == latest : changes.get(0).getSeq() == since + 1;
		if (since > latest || !continuous) {
			throw InboxExceptions.historyGone(since, latest);
		}
		List<NotificationChange> slice = changes.subList(0, Math.min(limit, changes.size()));
		long seq = slice.isEmpty() ? latest : Math.max(latest, slice.get(slice.size() - 1).getSeq());
		return new ChangeFeed(seq, slice.stream().map((c) -> Frame.of(c, locale)).toList(), changes.size() > limit);
	}

	private Counts inTransaction(String userId, Consumer<Ledger.Session> work) {
		return this.transactions.execute((status) -> {
			Ledger.Session session = this.ledger.open();
			session.lock(userId);
			work.accept(session);
			session.flush();
			return new Counts(session.unreadCount(userId), session.unseenCount(userId), session.seq(userId));
		});
	}

	private static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw InboxExceptions.notFound(id);
		}
	}

}
