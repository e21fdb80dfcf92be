package dev.herald.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.herald.devstack.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each service is restarted in turn while events keep coming: every owner still ends with
 * every notification exactly once in the inbox, in every tab (after its dedupe) and on
 * the player, and with the right unread count.
 */
class RestartEndToEndTests {

	private static final Logger log = LoggerFactory.getLogger(RestartEndToEndTests.class);

	private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

	private static final List<String> RESTART_ORDER = List.of("notification-store", "push-gateway", "device-gateway",
			"email-digest", "notification-ingest");

	@Test
	void restartingEachServiceDuringAStreamLosesNothingAndShowsNothingTwice() {
		List<String> owners = List.of(user(), user(), user());
		List<ResumingPushSession> tabs = new ArrayList<>();
		List<Player> players = new ArrayList<>();
		try {
			for (String owner : owners) {
				players.add(Player.subscribe(Player.register(owner)));
				tabs.add(ResumingPushSession.open(owner));
			}
			try (EventStream stream = EventStream.start(owners, Duration.ofMillis(300))) {
				for (String name : RESTART_ORDER) {
					ServiceProcess service = Herald.stack().service(name);
					service.close();
					service.start();
					service.awaitHealthy(RESTART_TIMEOUT);
					log.info("{} restarted; accepted so far {}", name, stream.acceptedCount());
				}
				stream.close();
				await().atMost(Duration.ofMinutes(2))
					.untilAsserted(() -> everyOwnerHasEverythingOnce(owners, stream, tabs, players));
			}
			log.info("Duplicate frames before the tabs' dedupe: {}",
					tabs.stream().map(ResumingPushSession::duplicates).toList());
		}
		finally {
			tabs.forEach(ResumingPushSession::close);
			players.forEach(Player::close);
		}
	}

	private void everyOwnerHasEverythingOnce(List<String> owners, EventStream stream, List<ResumingPushSession> tabs,
			List<Player> players) {
		for (int i = 0; i < owners.size(); i++) {
			String owner = owners.get(i);
			Inbox inbox = Inbox.of(owner);
			assertThat(inbox.contentIds()).as("inbox of %s", owner)
				.containsExactlyInAnyOrderElementsOf(stream.accepted(owner));
			List<String> ids = inbox.ids();
			assertThat(inbox.unreadCount()).isEqualTo(ids.size());
			assertThat(tabs.get(i).notificationIds()).as("tab of %s", owner)
				.doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(ids);
			Set<String> onPlayer = new HashSet<>(
					players.get(i).notifications().stream().map((message) -> message.path("id").asString()).toList());
			assertThat(onPlayer).as("player of %s", owner).containsExactlyInAnyOrderElementsOf(ids);
		}
	}

	private static String user() {
		return "e2e-" + UUID.randomUUID();
	}

}
