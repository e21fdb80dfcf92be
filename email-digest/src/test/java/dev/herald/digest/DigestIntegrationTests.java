package dev.herald.digest;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.herald.digest.pending.PendingItems;
import dev.herald.schema.DigestFrequency;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationType;
import dev.herald.schema.token.UnsubscribeToken;
import dev.herald.schema.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static dev.herald.digest.Records.comment;
import static dev.herald.digest.Records.contact;
import static dev.herald.digest.Records.created;
import static dev.herald.digest.Records.notification;
import static dev.herald.digest.Records.preferences;
import static dev.herald.digest.Records.read;
import static dev.herald.digest.Records.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduling, content, retries and crash recovery, end to end: notifications in through
 * Kafka, e-mail out through SMTP.
 */
class DigestIntegrationTests extends DigestServiceTest {

	static final Duration QUIET = Duration.ofMillis(800);

	final MutableClock clock;

	final JdbcClient jdbc;

	final CrashingMailSender mailSender;

	final MeterRegistry meters;

	final KafkaListenerEndpointRegistry listeners;

	final PendingItems pendingItems;

	DigestIntegrationTests(MutableClock clock, JdbcClient jdbc, CrashingMailSender mailSender, MeterRegistry meters,
			KafkaListenerEndpointRegistry listeners, PendingItems pendingItems) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.mailSender = mailSender;
		this.meters = meters;
		this.listeners = listeners;
		this.pendingItems = pendingItems;
	}

	@AfterEach
	void smtpUp() {
		this.mailSender.stopCrashing();
	}

	@Test
	void everyStatementIsPlannedForTheTablesAsTheyAreNow() {
		// a generic plan cached while a table was small (a sequential scan) would outlive
		// the table's growth until the next ANALYZE
		assertThat(this.jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
	}

	@Test
	void dailyUserGetsOneDigestAtTheirLocalHourWithoutWhatTheyRead() throws Exception {
		String user = newUser("Ana <b>", DigestFrequency.DAILY, 9, 1, "America/Sao_Paulo", "en");
		this.clock.set("2026-06-01T10:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user,
				comment(user, 1, "n1", "eve", "Sunset & Sea", "<script>alert(1)</script>"));
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 2, "n2", "bob", "Harbour", "nice"));
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 3, "n3", "carol", "Read already", "seen"));
		kafka.send(Topics.NOTIFICATIONS, user, read(user, 4, "n3"));
		awaitPending(user, 2);

		this.clock.set("2026-06-01T11:59:59Z");
		assertNoMailFor(user);
		this.clock.set("2026-06-01T12:00:00Z");
		MimeMessage mail = awaitMails(user, 1).getFirst();

		assertThat(Mailbox.subject(mail)).isEqualTo("You have 2 new notifications");
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		String html = Mailbox.part(mail, "text/html");
		String text = Mailbox.part(mail, "text/plain");
		Document document = Jsoup.parse(html);
		assertThat(document.select("script")).isEmpty();
		assertThat(document.select("b")).isEmpty();
		assertThat(document.body().text())
			.contains("eve commented on Sunset & Sea: \u201c<script>alert(1)</script>\u201d")
			.contains("bob commented on Harbour")
			.doesNotContain("Read already")
			.contains("Hi Ana <b>,");
		assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>");
		assertThat(text).contains("eve commented on Sunset & Sea: \u201c<script>alert(1)</script>\u201d")
			.contains("http://localhost:8080/")
			.doesNotContain("Read already")
			.doesNotContain("<a ");
		assertThat(document.select("a[href=http://localhost:8080/]").text()).isEqualTo("Open your inbox");
		assertUnsubscribeHeaders(mail, user);

		Map<String, Object> log = awaitLog(user, "sent").getFirst();
		assertThat(log).containsEntry("attempts", 1);
		assertThat(mail.getMessageID()).isEqualTo("<" + log.get("digest_id") + "@herald.local>");
		assertThat((String[]) ((java.sql.Array) log.get("item_ids")).getArray()).containsExactly("n2", "n1");

		this.clock.set("2026-06-01T13:00:00Z");
		assertNoMoreMailsThan(user, 1);
		this.clock.set("2026-06-02T12:00:00Z");
		assertNoMoreMailsThan(user, 1);
	}

	@Test
	void aLineLinksToTheNotificationsActionUrlAndOtherwiseToItsContent() {
		String user = newUser("Lia", DigestFrequency.DAILY, 9, 1, "UTC", "en");
		this.clock.set("2026-06-01T10:00:00Z");
		String actionUrl = "https://app.example/artworks/a-l1/comments/c-7?from=digest&lang=en";
		kafka.send(Topics.NOTIFICATIONS, user,
				created(user, 1,
						withLinks(
								notification("l1", NotificationType.COMMENT, "comment.one",
										Map.of("actor1", "eve", "title", "Sunset", "preview", "wow"), false),
								actionUrl, "c-7", Map.of("source", "web"))));
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 2, "l2", "bob", "Harbour", "nice"));
		awaitPending(user, 2);

		this.clock.set("2026-06-02T09:00:00Z");
		MimeMessage mail = awaitMails(user, 1).getFirst();
		Document document = Jsoup.parse(Mailbox.part(mail, "text/html"));
		assertThat(document.select("li a").eachAttr("href")).containsExactlyInAnyOrder(actionUrl,
				"https://art.example/a/l2");
		assertThat(document.select("li a[href=" + actionUrl + "]").text())
			.isEqualTo("eve commented on Sunset: \u201cwow\u201d");
		assertThat(document.select("li a[href=https://art.example/a/l2]").text())
			.isEqualTo("bob commented on Harbour: \u201cnice\u201d");
		// each line, and under it its link
		String text = Mailbox.part(mail, "text/plain").replace("\r\n", "\n");
		assertThat(text).contains("- eve commented on Sunset: \u201cwow\u201d\n  " + actionUrl + "\n")
			.contains("- bob commented on Harbour: \u201cnice\u201d\n  https://art.example/a/l2\n")
			.doesNotContain("https://art.example/a/l1");
	}

	@Test
	void anUpdatedNotificationRefreshesItsLinkCommentAndAttributes() {
		String user = newUser("Max", DigestFrequency.DAILY, 9, 1, "UTC", "en");
		this.clock.set("2026-06-01T10:00:00Z");
		Notification first = notification("r1", NotificationType.COMMENT, "comment.one",
				Map.of("actor1", "eve", "title", "Sunset", "preview", "first"), false);
		kafka.send(Topics.NOTIFICATIONS, user,
				created(user, 1, withLinks(first, "https://app.example/c/1", "c-1", Map.of("source", "web"))));
		awaitPending(user, 1);
		Notification grown = notification("r1", NotificationType.COMMENT, "comment.two",
				Map.of("actor1", "bob", "actor2", "eve", "title", "Sunset"), false);
		kafka.send(Topics.NOTIFICATIONS, user, updated(user, 2,
				withLinks(grown, "https://app.example/c/2", "c-2", Map.of("source", "mobile", "thread", "t-9"))));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.pendingItems.unclaimed(user)).singleElement().satisfies((item) -> {
				assertThat(item.templateKey()).isEqualTo("comment.two");
				assertThat(item.actionUrl()).isEqualTo("https://app.example/c/2");
				assertThat(item.commentId()).isEqualTo("c-2");
				assertThat(item.attributes()).isEqualTo(Map.of("source", "mobile", "thread", "t-9"));
			}));

		this.clock.set("2026-06-02T09:00:00Z");
		MimeMessage mail = awaitMails(user, 1).getFirst();
		assertThat(Jsoup.parse(Mailbox.part(mail, "text/html")).select("li a").eachAttr("href"))
			.containsExactly("https://app.example/c/2");
		assertThat(Mailbox.part(mail, "text/plain")).contains("https://app.example/c/2")
			.doesNotContain("https://app.example/c/1");
	}

	private static Notification withLinks(Notification notification, String actionUrl, String commentId,
			Map<String, String> attributes) {
		return Notification.newBuilder(notification)
			.setActionUrl(actionUrl)
			.setCommentId(commentId)
			.setAttributes(attributes)
			.build();
	}

	@Test
	void belowTheMinimumNothingIsSentUntilEnoughArrive() {
		String user = newUser("Bo", DigestFrequency.DAILY, 8, 1, "UTC", "en");
		this.jdbc.sql("UPDATE preferences SET minimum_unread = 3 WHERE user_id = ?").param(user).update();
		this.clock.set("2026-06-01T07:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 1, "m1", "eve", "One", "a"));
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 2, "m2", "eve", "Two", "b"));
		awaitPending(user, 2);

		this.clock.set("2026-06-01T08:00:00Z");
		assertNoMailFor(user);
		assertThat(logOf(user)).isEmpty();

		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 3, "m3", "eve", "Three", "c"));
		awaitPending(user, 3);
		this.clock.set("2026-06-01T20:00:00Z");
		assertNoMailFor(user);
		this.clock.set("2026-06-02T08:00:00Z");
		assertThat(Mailbox.subject(awaitMails(user, 1).getFirst())).isEqualTo("You have 3 new notifications");
	}

	@Test
	void immediateBatchesABurstIntoOneLocalizedMail() {
		String user = newUser("Lucía", DigestFrequency.IMMEDIATE, 0, 1, "Europe/Madrid", "es");
		this.clock.set("2026-06-01T10:00:00Z");
		for (int i = 1; i <= 7; i++) {
			kafka.send(Topics.NOTIFICATIONS, user, comment(user, i, "b" + i, "actor" + i, "Obra " + i, "hola"));
		}
		awaitPending(user, 7);

		this.clock.set("2026-06-01T10:01:30Z");
		assertNoMailFor(user);
		this.clock.set("2026-06-01T10:02:00Z");
		MimeMessage mail = awaitMails(user, 1).getFirst();

		assertThat(Mailbox.subject(mail)).isEqualTo("Tienes 7 notificaciones nuevas");
		String body = Jsoup.parse(Mailbox.part(mail, "text/html")).body().text();
		assertThat(body).contains("Hola, Lucía:")
			.contains("actor7 comentó")
			.contains("y 2 más")
			.contains("Abrir tu bandeja");
		assertThat(body).doesNotContain("actor1 comentó").doesNotContain("actor2 comentó");
		assertThat(Mailbox.part(mail, "text/plain")).contains("y 2 más");
		this.clock.set("2026-06-01T11:00:00Z");
		assertNoMoreMailsThan(user, 1);
	}

	@Test
	void userInAnotherTimeZoneGetsItAtTheirHourAcrossDaylightSaving() {
		String user = newUser("João", DigestFrequency.DAILY, 9, 1, "America/New_York", "pt-BR");
		this.clock.set("2026-03-07T12:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 1, "d1", "eve", "Antes", "x"));
		awaitPending(user, 1);
		this.clock.set("2026-03-07T13:59:59Z");
		assertNoMailFor(user);
		this.clock.set("2026-03-07T14:00:00Z");
		assertThat(Mailbox.subject(awaitMails(user, 1).getFirst())).isEqualTo("Você tem 1 nova notificação");

		this.clock.set("2026-03-07T15:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 2, "d2", "eve", "Depois", "y"));
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 3, "d3", "bob", "Depois 2", "z"));
		awaitPending(user, 2);
		this.clock.set("2026-03-08T12:59:59Z");
		assertNoMoreMailsThan(user, 1);
		this.clock.set("2026-03-08T13:00:00Z");
		assertThat(Mailbox.subject(awaitMails(user, 2).get(1))).isEqualTo("Você tem 2 novas notificações");
	}

	@Test
	void criticalNotificationIsMailedAtOnceOnItsOwn() {
		String user = newUser("Cy", DigestFrequency.DAILY, 9, 1, "UTC", "en");
		this.clock.set("2026-06-01T15:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 1, "c1", "eve", "Ordinary", "hi"));
		kafka.send(Topics.NOTIFICATIONS, user, created(user, 2, notification("c2", NotificationType.MODERATION,
				"moderation.one", Map.of("messageTitle", "Artwork removed", "messageBody", "It broke rule 3"), true)));

		MimeMessage mail = awaitMails(user, 1).getFirst();
		assertThat(Mailbox.subject(mail)).isEqualTo("Artwork removed: It broke rule 3");
		assertThat(Mailbox.part(mail, "text/plain")).contains("Important notice").doesNotContain("Ordinary");
		assertThat(awaitLog(user, "sent").getFirst()).containsEntry("kind", "critical");

		this.clock.set("2026-06-02T09:00:00Z");
		MimeMessage digest = awaitMails(user, 2).get(1);
		assertThat(Mailbox.subject(digest)).isEqualTo("You have 1 new notification");
		assertThat(Mailbox.part(digest, "text/plain")).contains("Ordinary").doesNotContain("Artwork removed");
	}

	@Test
	void smtpDownIsRetriedWithBackoffAndSentOnceItIsBack() {
		String user = newUser("Di", DigestFrequency.IMMEDIATE, 0, 1, "UTC", "en");
		this.clock.set("2026-06-01T10:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 1, "s1", "eve", "Outage", "x"));
		awaitPending(user, 1);
		double retriesBefore = this.meters.counter("herald.digest.retries").count();
		smtp.stop();
		try {
			this.clock.set("2026-06-01T10:05:00Z");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(logOf(user)).singleElement()
					.satisfies((row) -> assertThat((int) row.get("attempts")).isGreaterThanOrEqualTo(3))
					.satisfies((row) -> assertThat((String) row.get("last_error")).contains("onnect")));
		}
		finally {
			smtp.restart();
		}
		awaitMails(user, 1);
		awaitLog(user, "sent");
		assertThat(this.meters.counter("herald.digest.retries").count()).isGreaterThan(retriesBefore + 1);
		assertNoMoreMailsThan(user, 1);
	}

	@Test
	void crashBetweenSendingAndLoggingDoesNotSendASecondMail() {
		String user = newUser("Ed", DigestFrequency.IMMEDIATE, 0, 1, "UTC", "en");
		String address = addressOf(user);
		this.mailSender.crashAfterSendingTo(address);
		this.clock.set("2026-06-01T10:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 1, "x1", "eve", "Crash", "boom"));
		awaitPending(user, 1);

		this.clock.set("2026-06-01T10:02:00Z");
		await().dontCatchUncaughtExceptions()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(Mailbox.to(smtp, address)).hasSize(1));
		awaitLog(user, "sending");
		this.mailSender.stopCrashing();

		this.clock.set("2026-06-01T10:13:00Z");
		awaitLog(user, "unknown");
		assertThat(pendingOf(user)).isZero();
		this.clock.set("2026-06-01T12:00:00Z");
		assertNoMoreMailsThan(user, 1);
	}

	@Test
	void anOutcomeTheDatabaseCouldNotTakeRightAfterSendingIsRecordedWhenItAnswersAgain() {
		String user = newUser("Eli", DigestFrequency.IMMEDIATE, 0, 1, "UTC", "en");
		String address = addressOf(user);
		this.mailSender.cutDatabaseAfterSendingTo(address);
		this.clock.set("2026-06-01T10:00:00Z");
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 1, "y1", "eve", "Cut", "first"));
		awaitPending(user, 1);

		this.clock.set("2026-06-01T10:02:00Z");
		awaitMails(user, 1);
		// without waiting for stale-after (10m; the clock does not move): sent, not
		// sending; the test's own pooled connections were cut too
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(logOf(user)).singleElement()
				.satisfies((row) -> assertThat(row).containsEntry("status", "sent")));
		kafka.send(Topics.NOTIFICATIONS, user, comment(user, 2, "y2", "eve", "Cut", "second"));
		awaitPending(user, 1);
		this.clock.set("2026-06-01T10:05:00Z");
		awaitMails(user, 2);
		assertNoMoreMailsThan(user, 2);
	}

	@Test
	void aQueuedIntentLeftByAStoppedInstanceIsAbandonedAndItsItemsMailedOnce() {
		String user = newUser("Fay", DigestFrequency.IMMEDIATE, 0, 1, "UTC", "en");
		UUID abandoned = UUID.randomUUID();
		Timestamp before = Timestamp.from(Instant.parse("2026-06-01T09:00:00Z"));
		this.jdbc
			.sql("""
					INSERT INTO pending_items (user_id, notification_id, template_key, params, critical, updated_at, received_at, digest_id)
					VALUES (?, 'q1', 'follow.one', '{"actor1":"eve"}', false, ?, ?, ?)""")
			.params(user, before, before, abandoned)
			.update();
		this.jdbc
			.sql("""
					INSERT INTO email_log (digest_id, user_id, kind, status, recipient, subject, item_ids, message_id, created_at, updated_at)
					VALUES (?, ?, 'digest', 'queued', ?, 'You have 1 new notification', '{q1}', ?, ?, ?)""")
			.params(abandoned, user, addressOf(user), "<" + abandoned + "@herald.local>", before, before)
			.update();

		this.clock.set("2026-06-01T09:11:00Z");
		MimeMessage mail = awaitMails(user, 1).getFirst();
		assertThat(Mailbox.part(mail, "text/plain")).contains("eve started following you");
		await().untilAsserted(
				() -> assertThat(logOf(user)).extracting((row) -> row.get("status")).containsExactly("failed", "sent"));
		assertThat(logOf(user).getFirst().get("last_error")).asString().contains("abandoned");
		assertNoMoreMailsThan(user, 1);
	}

	@Test
	void whatAnEarlierRunOfThisInstanceLeftInFlightIsSettledAtOnceAndOtherInstancesWaitForStaleAfter() {
		String queuedUser = newUser("Gus", DigestFrequency.IMMEDIATE, 0, 1, "UTC", "en");
		String sendingUser = newUser("Hal", DigestFrequency.IMMEDIATE, 0, 1, "UTC", "en");
		String otherInstanceUser = newUser("Ivy", DigestFrequency.IMMEDIATE, 0, 1, "UTC", "en");
		Instant leftAt = Instant.parse("2026-07-01T08:00:00Z");
		this.clock.set(leftAt.plusSeconds(1).toString());
		UUID earlierRun = UUID.randomUUID();
		UUID queued = leaveInFlight(queuedUser, "g1", "queued", INSTANCE_ID, earlierRun, leftAt);
		UUID sending = leaveInFlight(sendingUser, "h1", "sending", INSTANCE_ID, earlierRun, leftAt);
		UUID otherInstance = leaveInFlight(otherInstanceUser, "i1", "queued", "email-digest-other", earlierRun, leftAt);

		// well before stale-after (10 min): the queued one's items go out in a new e-mail
		MimeMessage mail = awaitMails(queuedUser, 1).getFirst();
		assertThat(Mailbox.part(mail, "text/plain")).contains("eve started following you");
		await().untilAsserted(() -> assertThat(logOf(queuedUser)).extracting((row) -> row.get("status"))
			.containsExactly("failed", "sent"));
		assertThat(logOf(queuedUser).getFirst()).containsEntry("digest_id", queued);
		// the one in flight may have reached the server: never sent again
		assertThat(awaitLog(sendingUser, "unknown").getFirst()).containsEntry("digest_id", sending);
		assertThat(pendingOf(sendingUser)).isZero();
		assertNoMailFor(sendingUser);
		// another instance's run is not this instance's to settle
		assertThat(awaitLog(otherInstanceUser, "queued").getFirst()).containsEntry("digest_id", otherInstance);
		assertNoMailFor(otherInstanceUser);
		this.clock.set(leftAt.plus(Duration.ofMinutes(11)).toString());
		assertThat(awaitMails(otherInstanceUser, 1)).hasSize(1);
		assertNoMoreMailsThan(queuedUser, 1);
	}

	/** An e-mail intent with its one item, as a stopped run left it. */
	private UUID leaveInFlight(String user, String item, String status, String instanceId, UUID runId, Instant at) {
		UUID digestId = UUID.randomUUID();
		Timestamp when = Timestamp.from(at);
		this.jdbc
			.sql("""
					INSERT INTO pending_items (user_id, notification_id, template_key, params, critical, updated_at, received_at, digest_id)
					VALUES (?, ?, 'follow.one', '{"actor1":"eve"}', false, ?, ?, ?)""")
			.params(user, item, when, when, digestId)
			.update();
		this.jdbc.sql("""
				INSERT INTO email_log (digest_id, user_id, kind, status, recipient, subject, item_ids, message_id,
				                       created_at, updated_at, instance_id, run_id)
				VALUES (?, ?, 'digest', ?, ?, 'You have 1 new notification', ARRAY[?], ?, ?, ?, ?, ?)""")
			.params(digestId, user, status, addressOf(user), item, "<" + digestId + "@herald.local>", when, when,
					instanceId, runId)
			.update();
		return digestId;
	}

	@Test
	void invalidPreferencesGoToTheDeadLetterTopicWithTheReason() {
		String user = "u-" + UUID.randomUUID();
		try (var dlt = kafka.collect(Topics.USER_PREFERENCES.deadLetter())) {
			kafka.send(Topics.USER_PREFERENCES, user,
					preferences(user, DigestFrequency.WEEKLY, 9, 9, 1, "Europe/Lisbon", "pt"));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(dlt.records()).anySatisfy((record) -> {
					assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(user);
					assertThat(new String(record.headers().lastHeader("herald_dlt_reason").value(),
							StandardCharsets.UTF_8))
						.contains("weekday");
				}));
		}
	}

	@Test
	void changesThatArriveTogetherAreAppliedInOneTransaction() {
		String user = newUser("Batch", DigestFrequency.DAILY, 9, 1, "UTC", "en");
		this.clock.set("2026-06-01T10:00:00Z");
		whileNotificationsArePaused(() -> {
			for (int i = 1; i <= 20; i++) {
				kafka.send(Topics.NOTIFICATIONS, user, comment(user, i, "t" + i, "eve", "Together " + i, "x"));
			}
		});
		awaitPending(user, 20);
		assertThat(this.meters.get("herald.digest.batch.size").summary().max()).isGreaterThan(1);
		assertThat(dueOf(user)).isEqualTo(Instant.parse("2026-06-02T09:00:00Z"));
	}

	@Test
	void aPoisonChangeGoesAloneToTheDeadLetterTopicAndTheRestOfItsPollIsApplied() {
		String ana = newUser("Ana", DigestFrequency.DAILY, 9, 1, "UTC", "en");
		String bob = newUser("Bob", DigestFrequency.DAILY, 9, 1, "UTC", "en");
		this.clock.set("2026-06-01T10:00:00Z");
		try (var dlt = kafka.collect(Topics.NOTIFICATIONS.deadLetter())) {
			whileNotificationsArePaused(() -> {
				kafka.send(Topics.NOTIFICATIONS, ana, comment(ana, 1, "p1", "eve", "One", "a"));
				kafka.send(Topics.NOTIFICATIONS, bob, comment(bob, 1, "q1", "eve", "One", "a"));
				kafka.send(Topics.NOTIFICATIONS, ana, comment(ana, 2, "p2", "eve", "Two", "b"));
				kafka.send(Topics.NOTIFICATIONS, ana, comment("someone-else", 3, "p3", "eve", "Poison", "c"));
				kafka.send(Topics.NOTIFICATIONS, bob, comment(bob, 2, "q2", "eve", "Two", "b"));
				kafka.send(Topics.NOTIFICATIONS, ana, comment(ana, 4, "p4", "eve", "Four", "d"));
				kafka.send(Topics.NOTIFICATIONS, ana, read(ana, 5, "p1"));
				kafka.send(Topics.NOTIFICATIONS, bob, comment(bob, 3, "q3", "eve", "Three", "c"));
			});
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(pendingIdsOf(ana)).containsExactlyInAnyOrder("p2", "p4");
				assertThat(pendingIdsOf(bob)).containsExactlyInAnyOrder("q1", "q2", "q3");
			});
			await().during(QUIET)
				.atMost(QUIET.plusSeconds(20))
				.untilAsserted(() -> assertThat(dlt.records()).filteredOn((record) -> {
					String key = new String(record.key(), StandardCharsets.UTF_8);
					return key.equals(ana) || key.equals(bob);
				}).singleElement().satisfies((record) -> {
					assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(ana);
					assertThat(new String(record.headers().lastHeader("herald_dlt_reason").value(),
							StandardCharsets.UTF_8))
						.contains("userId 'someone-else' does not match the record key '" + ana + "'");
				}));
		}
		assertThat(dueOf(ana)).isEqualTo(Instant.parse("2026-06-02T09:00:00Z"));
		assertThat(dueOf(bob)).isEqualTo(Instant.parse("2026-06-02T09:00:00Z"));
	}

	@Test
	void aBatchFailingOnAnUnavailableDatabaseIsRetriedUntilItPassesAndNothingIsDeadLettered() {
		String user = newUser("Outage", DigestFrequency.DAILY, 9, 1, "UTC", "en");
		this.clock.set("2026-06-01T10:00:00Z");
		// PostgreSQL answers the user's changes as if it were out of connections (53300).
		this.jdbc.sql("""
				CREATE FUNCTION digest.simulate_outage() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.user_id = '%s' THEN
				        RAISE EXCEPTION 'simulated outage' USING ERRCODE = '53300';
				    END IF;
				    RETURN NEW;
				END $$""".formatted(user)).update();
		this.jdbc
			.sql("CREATE TRIGGER simulate_outage BEFORE INSERT ON digest.seen_changes"
					+ " FOR EACH ROW EXECUTE FUNCTION digest.simulate_outage()")
			.update();
		try (var dlt = kafka.collect(Topics.NOTIFICATIONS.deadLetter())) {
			try {
				whileNotificationsArePaused(() -> {
					for (int i = 1; i <= 5; i++) {
						kafka.send(Topics.NOTIFICATIONS, user, comment(user, i, "o" + i, "eve", "Outage " + i, "x"));
					}
				});
				// Longer than the retries of a failure that is not an outage (3 in 1.4
				// s).
				await().during(Duration.ofSeconds(4))
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(pendingOf(user)).isZero());
			}
			finally {
				this.jdbc.sql("DROP TRIGGER simulate_outage ON digest.seen_changes").update();
				this.jdbc.sql("DROP FUNCTION digest.simulate_outage()").update();
			}
			awaitPending(user, 5);
			assertThat(dlt.records())
				.noneSatisfy((record) -> assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(user));
		}
	}

	/**
	 * Sends while the notifications consumer is paused, so that what was sent arrives in
	 * as few polls as possible.
	 */
	private void whileNotificationsArePaused(Runnable sends) {
		MessageListenerContainer container = this.listeners.getListenerContainer("digest-notifications");
		assertThat(container).isNotNull();
		container.pause();
		try {
			await().atMost(Duration.ofSeconds(20)).until(container::isContainerPaused);
			sends.run();
		}
		finally {
			container.resume();
		}
	}

	private List<String> pendingIdsOf(String user) {
		return this.jdbc.sql("SELECT notification_id FROM pending_items WHERE user_id = ?")
			.param(user)
			.query(String.class)
			.list();
	}

	private Instant dueOf(String user) {
		return this.jdbc.sql("SELECT next_due_at FROM schedules WHERE user_id = ?")
			.param(user)
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	private String newUser(String name, DigestFrequency frequency, int hour, int minimum, String zone, String locale) {
		String user = "u-" + UUID.randomUUID();
		kafka.send(Topics.USER_CONTACTS, user, contact(user, addressOf(user), name, "en"));
		kafka.send(Topics.USER_PREFERENCES, user, preferences(user, frequency, hour, 1, minimum, zone, locale));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("SELECT count(*) FROM contacts c JOIN preferences p USING (user_id) WHERE user_id = ?")
				.param(user)
				.query(Long.class)
				.single()).isOne());
		return user;
	}

	private static String addressOf(String user) {
		return user + "@example.com";
	}

	private void awaitPending(String user, int count) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pendingOf(user)).isEqualTo(count));
	}

	private long pendingOf(String user) {
		return this.jdbc.sql("SELECT count(*) FROM pending_items WHERE user_id = ?")
			.param(user)
			.query(Long.class)
			.single();
	}

	private List<Map<String, Object>> logOf(String user) {
		return this.jdbc.sql("SELECT * FROM email_log WHERE user_id = ? ORDER BY created_at")
			.param(user)
			.query()
			.listOfRows();
	}

	/** Waits until the user's only log row has the status, and returns the log. */
	private List<Map<String, Object>> awaitLog(String user, String status) {
		// A simulated crash (an Error on a scheduler thread) may still be in flight: it
		// is
		// the subject of one test, not a failure of the wait.
		await().dontCatchUncaughtExceptions()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(logOf(user)).singleElement()
				.satisfies((row) -> assertThat(row).containsEntry("status", status)));
		return logOf(user);
	}

	private List<MimeMessage> awaitMails(String user, int count) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(Mailbox.to(smtp, addressOf(user))).hasSize(count));
		return Mailbox.to(smtp, addressOf(user));
	}

	private void assertNoMailFor(String user) {
		assertNoMoreMailsThan(user, 0);
	}

	/** Waits a few scheduler runs and checks that no further mail arrived meanwhile. */
	private void assertNoMoreMailsThan(String user, int count) {
		await().during(QUIET)
			.atMost(QUIET.plusSeconds(5))
			.untilAsserted(() -> assertThat(Mailbox.to(smtp, addressOf(user))).hasSize(count));
	}

	private void assertUnsubscribeHeaders(MimeMessage mail, String user) {
		String listUnsubscribe = Mailbox.header(mail, "List-Unsubscribe");
		Matcher matcher = Pattern.compile(
				"<(http://localhost:8082/v1/unsubscribe\\?token=([^>]+))>, <mailto:unsubscribe@herald\\.local\\?subject=[^>]+>")
			.matcher(listUnsubscribe);
		assertThat(matcher.matches()).as(listUnsubscribe).isTrue();
		assertThat(Mailbox.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		UnsubscribeToken token = UnsubscribeToken
			.verify(matcher.group(2), UNSUBSCRIBE_SECRET.getBytes(StandardCharsets.UTF_8))
			.orElseThrow();
		assertThat(token.userId()).isEqualTo(user);
		assertThat(token.scope()).isEqualTo(UnsubscribeToken.SCOPE_EMAIL);
		assertThat(token.issuedAt()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
		assertThat(UnsubscribeToken.verify(matcher.group(2), "another-secret-0123456789abcdef0123".getBytes()))
			.isEmpty();
		assertThat(Jsoup.parse(Mailbox.part(mail, "text/html")).select("a[href=" + matcher.group(1) + "]").text())
			.isEqualTo("Unsubscribe from these e-mails");
	}

}
