package dev.herald.store.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

import dev.herald.schema.ChangeKind;
import dev.herald.schema.NotificationChange;
import dev.herald.store.inbox.InboxDtos.ChangeFeed;
import dev.herald.store.inbox.InboxDtos.Page;
import dev.herald.store.inbox.InboxDtos.UnreadCount;
import dev.herald.store.inbox.InboxQueries.PageQuery;
import dev.herald.store.notification.Ledger;
import dev.herald.store.notification.Notifications;
import dev.herald.store.notification.StoredNotification;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The user's inbox: reads, and state changes that each lock the user's ledger and emit
 * their change in the same transaction.
 */
@Service
class InboxService {

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

	UnreadCount unreadCount(String userId) {
		Ledger.UserState state = this.ledger.read(userId);
		return new UnreadCount(state.unreadCount(), state.seq());
	}

	void delete(String userId, String id) {
		UUID uuid = parse(id);
		inTransaction(userId, (session) -> {
			StoredNotification deleted = this.notifications.delete(userId, uuid)
				.orElseThrow(() -> InboxExceptions.notFound(id));
			session.emit(userId, ChangeKind.DELETED, null, List.of(id), deleted.read() ? 0 : -1, List.of(),
					Instant.now());
		});
	}

	UnreadCount setRead(String userId, List<String> ids, boolean read) {
		List<UUID> uuids = ids.stream().map(UUID::fromString).distinct().toList();
		return inTransaction(userId, (session) -> {
			List<UUID> changed = this.notifications.setRead(userId, uuids, read);
			if (!changed.isEmpty()) {
				session.emit(userId, read ? ChangeKind.READ : ChangeKind.UNREAD, null, strings(changed),
						read ? -changed.size() : changed.size(), List.of(), Instant.now());
			}
		});
	}

	UnreadCount readAll(String userId, Instant before) {
		return inTransaction(userId, (session) -> {
			List<UUID> changed = this.notifications.markAllRead(userId, before);
			if (!changed.isEmpty()) {
				session.emit(userId, ChangeKind.ALL_READ, null, strings(changed), -changed.size(), List.of(),
						Instant.now());
			}
		});
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

	private UnreadCount inTransaction(String userId, Consumer<Ledger.Session> work) {
		return this.transactions.execute((status) -> {
			Ledger.Session session = this.ledger.open();
			session.lock(userId);
			work.accept(session);
			session.flush();
			return new UnreadCount(session.unreadCount(userId), session.seq(userId));
		});
	}

	private static List<String> strings(List<UUID> ids) {
		return ids.stream().map(UUID::toString).toList();
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
