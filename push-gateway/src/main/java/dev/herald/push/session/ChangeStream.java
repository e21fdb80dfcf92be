package dev.herald.push.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

	void open(ClientSession session) {
		session.submit(() -> hello(session));
		Instant deadline = Instant.now().plus(this.properties.resumeWait());
		this.scheduler.schedule(() -> session.submit(() -> goLiveUnlessResumed(session)), deadline);
	}

	void resume(ClientSession session, Long since) {
		session.submit(() -> goLive(session, since));
	}

	void live(ClientSession session, LiveChange change) {
		session.submit(() -> onLive(session, change));
	}

	private void hello(ClientSession session) {
		try {
			StoreState state = this.store.state(session.token());
			session.lastSent = state.seq();
			session.send(Frames.hello(state.seq(), state.unreadCount()));
		}
		catch (StoreUnavailableException ex) {
			storeFailed(session, ex);
		}
	}

	private void goLiveUnlessResumed(ClientSession session) {
		if (!session.live) {
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
			catchUp(session);
		}
		if (change.seq() > session.lastSent && session.send(change.json(session.locale()))) {
			session.lastSent = change.seq();
			this.metrics.delivered(change.occurredAt());
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

	private void storeFailed(ClientSession session, StoreUnavailableException ex) {
		log.warn("Session {} of user {}: {}", session.id(), session.userId(), ex.getMessage());
		this.metrics.resumed("failed");
		session.send(Frames.error("store_unavailable", "The notification store is unavailable; reconnect later"));
		session.close(CloseCodes.TRY_AGAIN_LATER);
	}

}
