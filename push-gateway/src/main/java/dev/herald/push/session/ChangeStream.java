package dev.herald.push.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;

import dev.herald.push.GatewayMetrics;
import dev.herald.push.PushProperties;
import dev.herald.push.protocol.ChangeFrames;
import dev.herald.push.protocol.CloseCodes;
import dev.herald.push.protocol.Frames;
import dev.herald.push.protocol.LiveChange;
import dev.herald.push.store.ChangePage;
import dev.herald.push.store.HistoryGoneException;
import dev.herald.push.store.StoreClient;
import dev.herald.push.store.StoreState;
import dev.herald.push.store.StoreUnavailableException;
import dev.herald.push.store.TokenRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps each session's stream in seq order without gaps or duplicates: {@code hello} from
 * the store, catch-up from the store's change feed on {@code resume} (and whenever a live
 * change reveals a gap), then live changes; those that arrive meanwhile wait in the
 * session's mailbox or held list and are merged by seq. All methods run in the session's
 * mailbox.
 */
@Component
class ChangeStream {

	private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);

	private final StoreClient store;

	private final GatewayMetrics metrics;

	private final TaskScheduler scheduler;

	private final PushProperties properties;

	ChangeStream(StoreClient store, GatewayMetrics metrics, TaskScheduler scheduler, PushProperties properties) {
		this.store = store;
		this.metrics = metrics;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	/**
	 * Asks the store for the session's {@code hello} (batched with other sessions opening
	 * now) and starts the wait for {@code resume}. Until the answer is in, live changes
	 * are held and a {@code resume} is remembered; the answer, handled in the mailbox,
	 * sends {@code hello} first and then goes live as asked.
	 */
	void open(ClientSession session) {
		this.store.state(session.token())
			.whenComplete((state, failure) -> session.submit(() -> greet(session, state, failure)));
		Instant deadline = Instant.now().plus(this.properties.resumeWait());
		this.scheduler.schedule(() -> session.submit(() -> resumeWaitOver(session)), deadline);
	}

	void resume(ClientSession session, Long since) {
		session.submit(() -> {
			if (session.lastSent < 0) {
				session.resumeAsked = true;
				session.resumeSince = since;
			}
			else {
				goLive(session, since);
			}
		});
	}

	void live(ClientSession session, LiveChange change) {
		session.submit(() -> onLive(session, change));
	}

	private void greet(ClientSession session, StoreState state, Throwable failure) {
		if (failure != null) {
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause instanceof TokenRejectedException) {
				log.info("Session {} of user {}: the store rejected the token", session.id(), session.userId());
				session.close(CloseCodes.TOKEN_EXPIRED);
			}
			else {
				storeFailed(session, cause);
			}
			return;
		}
		session.lastSent = state.seq();
		session.send(Frames.hello(state.seq(), state.unreadCount(), state.unseenCount()));
		if (session.resumeAsked) {
			goLive(session, session.resumeSince);
		}
		else if (session.resumeWaitOver) {
			goLive(session, null);
		}
	}

	private void resumeWaitOver(ClientSession session) {
		session.resumeWaitOver = true;
		goLiveUnlessResumed(session);
	}

	private void goLiveUnlessResumed(ClientSession session) {
		if (!session.live && !session.resumeAsked) {
			goLive(session, null);
		}
	}

	private void goLive(ClientSession session, Long since) {
		if (session.lastSent < 0) {
			return;
		}
		if (since != null) {
			session.lastSent = since;
			catchUp(session);
		}
		session.live = true;
		List<LiveChange> held = session.held;
		session.held = List.of();
		held.stream().sorted(Comparator.comparingLong(LiveChange::seq)).forEach((change) -> onLive(session, change));
	}

	private void onLive(ClientSession session, LiveChange change) {
		if (!session.live) {
			holdOrForget(session, change);
			return;
		}
		if (change.seq() > session.lastSent + 1) {
			this.metrics.gap();
			catchUp(session);
		}
		if (change.seq() > session.lastSent && session.send(change.message(session.locale()))) {
			session.lastSent = change.seq();
			this.metrics.delivered(change.occurredAt(), change.publishedAtMillis());
		}
	}

	/**
	 * Before going live, changes are held; past the limit the store's feed has them
	 * anyway.
	 */
	private void holdOrForget(ClientSession session, LiveChange change) {
		if (session.held.size() < this.properties.maxPendingFrames()) {
			if (session.held.isEmpty()) {
				session.held = new ArrayList<>();
			}
			session.held.add(change);
		}
	}

	private void catchUp(ClientSession session) {
		try {
			ChangePage page;
			do {
				page = this.store.changes(session.token(), session.lastSent);
				if (page.seq() < session.lastSent) {
					resync(session, page.seq());
					return;
				}
				page.changes().forEach((frame) -> replay(session, frame));
			}
			while (page.hasMore() && !page.changes().isEmpty());
			this.metrics.resumed("caught_up");
		}
		catch (HistoryGoneException ex) {
			resync(session, ex.latestSeq());
		}
		catch (StoreUnavailableException ex) {
			storeFailed(session, ex);
		}
	}

	private void replay(ClientSession session, ObjectNode frame) {
		long seq = frame.path("seq").asLong();
		if (seq > session.lastSent && session.send(ChangeFrames.localized(frame, session.locale()).toString())) {
			session.lastSent = seq;
			this.metrics.replayed();
		}
	}

	private void resync(ClientSession session, long latestSeq) {
		session.send(Frames.resync(latestSeq));
		session.lastSent = latestSeq;
		this.metrics.resumed("resync");
	}

	private void storeFailed(ClientSession session, Throwable ex) {
		log.warn("Session {} of user {}: {}", session.id(), session.userId(), ex.getMessage());
		this.metrics.resumed("failed");
		session.send(Frames.error("store_unavailable", "The notification store is unavailable; reconnect later"));
		session.close(CloseCodes.TRY_AGAIN_LATER);
	}

}
