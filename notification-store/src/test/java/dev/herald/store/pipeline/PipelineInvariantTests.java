package dev.herald.store.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.herald.schema.Actor;
import dev.herald.schema.CommentRef;
import dev.herald.schema.ContentRef;
import dev.herald.schema.EventKind;
import dev.herald.schema.MessageText;
import dev.herald.schema.SocialEvent;
import dev.herald.store.Http;
import dev.herald.store.StoreInstance;
import dev.herald.store.notification.StoredNotification;
import dev.herald.support.security.DevTokens;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline over random sequences of every kind of event (known, anonymous and self
 * actors; critical or not; repeated event ids), cut into random batches and interleaved
 * with mark-read calls, on the real store and PostgreSQL. After each sequence: no batch
 * failed, every kept unread count equals the user's unread rows, every user's seqs run
 * from 1 without a gap, and no reaction notification names an actor whose reaction was
 * removed or counts more anonymous reactions than are left.
 */
class PipelineInvariantTests {

	private static final DevTokens tokens = new DevTokens("herald-dev-secret-change-me-0123456789abcdef", "herald-dev",
			"herald");

	private static final List<String> ACTORS = List.of("a1", "a2", "a3", "a4");

	/** Who acts: a known actor, an anonymous one (no id), or the recipient itself. */
	private static final List<String> WHO = List.of("a1", "a2", "a3", "a4", "anonymous", "self");

	private static final TestDatabase database = TestDatabase.create();

	private static final StoreInstance store = StoreInstance.start(database, KafkaBroker.shared(),
			Map.of("spring.kafka.listener.auto-startup", "false", "herald.store.preferences.relay-enabled", "false",
					"herald.store.broadcasts.enabled", "false", "herald.store.pipeline.spam-limit", "4"));

	@AfterContainer
	static void stop() {
		store.close();
		database.close();
	}

	@Property(tries = 60)
	void everySequenceKeepsCountsSeqsAndRetractionsExact(@ForAll("steps") List<Step> steps) {
		Universe universe = new Universe("p" + UUID.randomUUID().toString().substring(0, 8));
		EventPipeline pipeline = store.bean(EventPipeline.class);
		List<SocialEvent> sent = new ArrayList<>();
		List<SocialEvent> batch = new ArrayList<>();
		for (Step step : steps) {
			if (step.markRead() >= 0) {
				apply(pipeline, batch);
				markRead(universe.recipient(step.recipient()), step.markRead());
				continue;
			}
			if (step.repeat() && !sent.isEmpty()) {
				// the same event id again: the store drops it, the model ignores it
				batch.add(sent.get(sent.size() / 2));
			}
			else {
				SocialEvent event = universe.event(step);
				sent.add(event);
				universe.model(event);
				batch.add(event);
			}
			if (step.endsBatch()) {
				apply(pipeline, batch);
			}
		}
		apply(pipeline, batch);
		assertInvariants(universe);
	}

	@Provide
	Arbitrary<List<Step>> steps() {
		Arbitrary<EventKind> kinds = Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(30, Arbitraries.just(EventKind.REACTION_ADDED)),
				net.jqwik.api.Tuple.of(20, Arbitraries.just(EventKind.REACTION_REMOVED)),
				net.jqwik.api.Tuple.of(12, Arbitraries.just(EventKind.COMMENT_ADDED)),
				net.jqwik.api.Tuple.of(4, Arbitraries.just(EventKind.REPLY_ADDED)),
				net.jqwik.api.Tuple.of(4, Arbitraries.just(EventKind.MENTION)),
				net.jqwik.api.Tuple.of(4, Arbitraries.just(EventKind.FOLLOW)),
				net.jqwik.api.Tuple.of(3, Arbitraries.just(EventKind.MODERATION_ACTION)),
				net.jqwik.api.Tuple.of(3, Arbitraries.just(EventKind.SYSTEM_ANNOUNCEMENT)),
				net.jqwik.api.Tuple.of(3, Arbitraries.just(EventKind.CONTENT_DELETED)),
				net.jqwik.api.Tuple.of(2, Arbitraries.just(EventKind.USER_DELETED)));
		Arbitrary<Step> event = Combinators
			.combine(kinds, Arbitraries.integers().between(0, 1), Arbitraries.of(WHO),
					Arbitraries.integers().between(0, 1), Arbitraries.of(true, false, false, false, false),
					Arbitraries.of(true, false, false),
					Arbitraries.of(true, false, false, false, false, false, false, false, false, false))
			.as((kind, recipient, who, content, critical, endsBatch, repeat) -> new Step(kind, recipient, who, content,
					critical, endsBatch, repeat, -1));
		Arbitrary<Step> read = Arbitraries.integers()
			.between(0, 1)
			.flatMap((recipient) -> Arbitraries.integers()
				.between(0, 3)
				.map((which) -> new Step(null, recipient, null, 0, false, true, false, which)));
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, event), net.jqwik.api.Tuple.of(1, read))
			.list()
			.ofMinSize(1)
			.ofMaxSize(40);
	}

	private static void apply(EventPipeline pipeline, List<SocialEvent> batch) {
		if (batch.isEmpty()) {
			return;
		}
		List<ConsumerRecord<String, SocialEvent>> records = new ArrayList<>();
		for (SocialEvent event : batch) {
			records.add(new ConsumerRecord<>("social.events.v1", 0, records.size(), event.getRecipientId(), event));
		}
		pipeline.accept(records);
		batch.clear();
	}

	/** Marks one notification read (0-2: the newest, second, third) or all (3). */
	private static void markRead(String user, int which) {
		Http http = Http.withToken(store.port(), tokens.user(user));
		if (which == 3) {
			assertThat(http.post("/v1/notifications/read-all", Map.of()).status()).isEqualTo(200);
			return;
		}
		Http.Response page = http.get("/v1/notifications?limit=5");
		assertThat(page.status()).isEqualTo(200);
		if (page.body().path("items").size() > which) {
			String id = page.body().path("items").get(which).path("id").asString();
			assertThat(http.postIds("/v1/notifications/read", List.of(id)).status()).isEqualTo(200);
		}
	}

	private static void assertInvariants(Universe universe) {
		JdbcClient jdbc = JdbcClient.create(store.bean(javax.sql.DataSource.class));
		List<String> users = jdbc.sql("SELECT user_id FROM user_state WHERE user_id LIKE ?")
			.param(universe.prefix + "%")
			.query(String.class)
			.list();
		for (String user : users) {
			int kept = jdbc.sql("SELECT unread_count FROM user_state WHERE user_id = ?")
				.param(user)
				.query(Integer.class)
				.single();
			int rows = jdbc.sql("SELECT count(*) FROM notifications WHERE user_id = ? AND NOT read")
				.param(user)
				.query(Integer.class)
				.single();
			assertThat(kept).as("unread count of %s", user).isEqualTo(rows);
			List<Long> seqs = jdbc.sql("SELECT seq FROM changes WHERE user_id = ? ORDER BY seq")
				.param(user)
				.query(Long.class)
				.list();
			long last = jdbc.sql("SELECT seq FROM user_state WHERE user_id = ?").param(user).query(Long.class).single();
			assertThat(seqs).as("seqs of %s", user)
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
		}
		jdbc.sql("""
				SELECT user_id, content_id, actor_ids, actor_count, jsonb_array_length(actors) FROM notifications
				WHERE user_id LIKE ? AND type = 'REACTION'""").param(universe.prefix + "%").query((rs, n) -> {
			String user = rs.getString(1);
			String content = rs.getString(2);
			List<String> ids = List.of((String[]) rs.getArray(3).getArray());
			int count = rs.getInt(4);
			int shown = rs.getInt(5);
			assertThat(universe.reactors(user, content)).as("reactors of %s on %s", user, content).containsAll(ids);
			assertThat(count - ids.size()).as("anonymous reactions of %s on %s", user, content)
				.isBetween(0, universe.anonymousReactions(user, content));
			assertThat(count).as("actor count of %s on %s", user, content).isPositive();
			assertThat(shown).as("actors kept of %s on %s", user, content)
				.isBetween(0, Math.min(StoredNotification.KEPT_ACTORS, count));
			return null;
		}).list();
	}

	/**
	 * One step: an event, or ({@code markRead >= 0}) a mark-read call.
	 */
	record Step(EventKind kind, int recipient, String who, int content, boolean critical, boolean endsBatch,
			boolean repeat, int markRead) {

	}

	/** The users and contents of one sequence, and what it expects of reactions. */
	private static final class Universe {

		private final String prefix;

		private final Map<String, Set<String>> reactors = new HashMap<>();

		private final Map<String, Integer> anonymous = new HashMap<>();

		Universe(String prefix) {
			this.prefix = prefix;
		}

		String recipient(int index) {
			return this.prefix + "-r" + index;
		}

		String actor(String name) {
			return this.prefix + "-" + name;
		}

		String content(int index) {
			return this.prefix + "-c" + index;
		}

		Set<String> reactors(String user, String content) {
			return this.reactors.getOrDefault(user + "/" + content, Set.of());
		}

		int anonymousReactions(String user, String content) {
			return this.anonymous.getOrDefault(user + "/" + content, 0);
		}

		SocialEvent event(Step step) {
			String recipient = recipient(step.recipient());
			SocialEvent.Builder event = SocialEvent.newBuilder()
				.setEventId(UUID.randomUUID().toString())
				.setKind(step.kind())
				.setOccurredAt(java.time.Instant.now())
				.setRecipientId(recipient)
				.setCritical(step.critical())
				.setAttributes(Map.of());
			Actor actor = switch (step.who()) {
				case "anonymous" -> new Actor(null, "someone", null);
				case "self" -> new Actor(recipient, "me", null);
				default -> new Actor(actor(step.who()), step.who(), null);
			};
			ContentRef content = new ContentRef("artwork", content(step.content()), "Piece " + step.content(), null,
					null);
			switch (step.kind()) {
				case REACTION_ADDED -> event.setActor(actor).setContent(content).setReaction("👍");
				case REACTION_REMOVED -> event.setActor(actor).setContent(content).setReaction("👍");
				case COMMENT_ADDED,
						REPLY_ADDED ->
					event.setActor(actor)
						.setContent(content)
						.setComment(new CommentRef(UUID.randomUUID().toString(), "nice"));
				case MENTION -> event.setActor(actor).setContent(content);
				case FOLLOW -> event.setActor(actor);
				case MODERATION_ACTION, SYSTEM_ANNOUNCEMENT -> event.setMessage(new MessageText("Title", "Body"));
				case CONTENT_DELETED -> event.setContent(content);
				case USER_DELETED -> event.setRecipientId(step.recipient() == 0 ? recipient : actor(ACTORS.get(0)));
				default -> throw new IllegalArgumentException(step.kind().toString());
			}
			return event.build();
		}

		/** Keeps who currently reacts, per recipient and content. */
		void model(SocialEvent event) {
			String key = event.getRecipientId() + "/"
					+ ((event.getContent() != null) ? event.getContent().getId() : "");
			String actorId = (event.getActor() != null) ? event.getActor().getId() : null;
			switch (event.getKind()) {
				case REACTION_ADDED -> {
					if (actorId == null) {
						this.anonymous.merge(key, 1, Integer::sum);
					}
					else {
						this.reactors.computeIfAbsent(key, (k) -> new HashSet<>()).add(actorId);
					}
				}
				case REACTION_REMOVED -> {
					if (actorId == null) {
						this.anonymous.computeIfPresent(key, (k, n) -> (n > 1) ? n - 1 : null);
					}
					else {
						this.reactors.getOrDefault(key, new HashSet<>()).remove(actorId);
					}
				}
				case CONTENT_DELETED -> {
					String suffix = "/" + event.getContent().getId();
					this.reactors.keySet().removeIf((k) -> k.endsWith(suffix));
					this.anonymous.keySet().removeIf((k) -> k.endsWith(suffix));
				}
				case USER_DELETED -> {
					String erased = event.getRecipientId();
					this.reactors.keySet().removeIf((k) -> k.startsWith(erased + "/"));
					this.anonymous.keySet().removeIf((k) -> k.startsWith(erased + "/"));
					// where the erased user reacted, the reaction stays, shown as the
					// deleted
					// user: it counts like an anonymous one from now on
					this.reactors.forEach((k, actors) -> {
						if (actors.remove(erased)) {
							this.anonymous.merge(k, 1, Integer::sum);
						}
					});
				}
				default -> {
				}
			}
		}

	}

}
