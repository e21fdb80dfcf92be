package dev.herald.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.herald.devstack.HeraldServices;
import dev.herald.devstack.ServiceProcess;
import dev.herald.testinfra.KafkaBroker;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4: a user with an hourly digest gets one e-mail listing only what is still
 * unread; its one-click unsubscribe link turns e-mail off and the next digest is not
 * sent, while a user who stayed subscribed gets theirs at that slot. The digest's clock
 * is moved past each hourly slot by restarting it with
 * {@code HERALD_DIGEST_CLOCK_OFFSET}, so the test waits seconds, not an hour.
 */
class DigestEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

	private static final String NOTIFICATIONS = "notifications.v1";

	private static final Pattern HTTP_LINK = Pattern.compile("<(http[^>]+)>");

	private static final Api ingest = new Api(HeraldServices.INGEST_PORT,
			Herald.tokens.service("art-community", "events:write"));

	@BeforeAll
	static void startHerald() {
		Herald.stack();
	}

	@Test
	void anHourlyDigestListsOnlyWhatIsUnreadAndItsOneClickUnsubscribeStopsTheNextOne() throws Exception {
		String reader = user();
		String control = user();
		subscribeHourly(reader);
		subscribeHourly(control);
		ServiceProcess digest = Herald.stack().service("email-digest");
		try (PushSession tab = connected(reader)) {
			publish(reaction(reader, "Forest"));
			publish(reaction(reader, "Sunset"));
			publish(reaction(reader, "Harbour"));
			publish(reaction(control, "Meadow"));
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tab.frames("notification")).hasSize(3));
			String forestId = tab.frames("notification")
				.stream()
				.filter((frame) -> frame.at("/notification/content/title").asString().equals("Forest"))
				.findFirst()
				.orElseThrow()
				.at("/notification/id")
				.asString();
			Api.Response read = store(reader).post("/v1/notifications/read", Map.of("ids", List.of(forestId)));
			assertThat(read.status()).as(read.body()).isEqualTo(200);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tab.frames("state")).isNotEmpty());

			Instant firstSlot = nextHour(Instant.now());
			restartPast(digest, firstSlot);

			MimeMessage first = await().atMost(TIMEOUT).until(() -> mailTo(reader), (mails) -> !mails.isEmpty()).get(0);
			String text = plainText(first);
			assertThat(text).contains("Sunset").contains("Harbour").doesNotContain("Forest");
			await().atMost(TIMEOUT).until(() -> mailTo(control), (mails) -> mails.size() == 1);

			HttpResponse<String> unsubscribed = oneClick(unsubscribeUrl(first));
			assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
			assertThat(store(reader).get("/v1/preferences").json().at("/digest/frequency").asString()).isEqualTo("OFF");

			publish(reaction(reader, "Lighthouse"));
			publish(reaction(control, "Glacier"));
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tab.frames("notification")).hasSize(4));
			restartPast(digest, firstSlot.plus(Duration.ofHours(1)));

			await().atMost(TIMEOUT).until(() -> mailTo(control), (mails) -> mails.size() == 2);
			assertThat(plainText(mailTo(control).get(1))).contains("Glacier");
			assertThat(mailTo(reader)).hasSize(1);
		}
		finally {
			digest.close();
			digest.start();
			digest.awaitHealthy(RESTART_TIMEOUT);
		}
	}

	/**
	 * Lets the digest take in every change published so far, then restarts it with its
	 * clock a few seconds past {@code slot}.
	 */
	private static void restartPast(ServiceProcess digest, Instant slot) throws Exception {
		awaitDigestCaughtUp();
		digest.close();
		Duration offset = Duration.between(Instant.now(), slot).plusSeconds(5);
		digest.start(Map.of("HERALD_DIGEST_CLOCK_OFFSET", offset.toMillis() + "ms", "HERALD_DIGEST_SCHEDULER_INTERVAL",
				"1s"));
		digest.awaitHealthy(RESTART_TIMEOUT);
	}

	/** Waits until the digest's consumer group has no lag on {@code notifications.v1}. */
	private static void awaitDigestCaughtUp() {
		KafkaBroker kafka = Herald.stack().infrastructure().kafka();
		await().atMost(TIMEOUT).until(() -> kafka.lag("herald-digest", NOTIFICATIONS) == 0);
	}

	private static Instant nextHour(Instant now) {
		return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
	}

	private static void subscribeHourly(String user) {
		Api.Response contact = ingest.put("/v1/users/" + user + "/contact",
				Map.of("email", address(user), "displayName", "Reader", "locale", "en", "timeZone", "UTC"));
		assertThat(contact.status()).as(contact.body()).isEqualTo(202);
		Api.Response saved = store(user).put("/v1/preferences", Map.of("digest",
				Map.of("frequency", "HOURLY", "sendHour", 9, "weekday", 1, "minimumUnread", 1), "timeZone", "UTC"));
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
	}

	private static List<MimeMessage> mailTo(String user) throws MessagingException {
		List<MimeMessage> mails = new ArrayList<>();
		for (MimeMessage message : Herald.stack().infrastructure().smtp().receivedMessages()) {
			if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch((to) -> to.toString().contains(address(user)))) {
				mails.add(message);
			}
		}
		return mails;
	}

	private static String plainText(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String text = plainText(body);
				if (!text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

	private static URI unsubscribeUrl(MimeMessage mail) throws MessagingException {
		assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		Matcher link = HTTP_LINK.matcher(mail.getHeader("List-Unsubscribe", null));
		assertThat(link.find()).as("an http link in List-Unsubscribe").isTrue();
		return URI.create(link.group(1));
	}

	/** The RFC 8058 one-click POST a mail client sends: no cookie, no credentials. */
	private static HttpResponse<String> oneClick(URI url) {
		HttpRequest request = HttpRequest.newBuilder(url)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String user() {
		return "e2e-" + UUID.randomUUID();
	}

	private static String address(String user) {
		return user + "@example.test";
	}

	private static Api store(String user) {
		return new Api(HeraldServices.STORE_PORT, Herald.tokens.user(user));
	}

	private static PushSession connected(String user) {
		PushSession session = PushSession.open(user);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(session.frames("hello")).isNotEmpty());
		return session;
	}

	private static void publish(Map<String, Object> event) {
		Api.Response answer = ingest.post("/v1/events", event);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
	}

	private static Map<String, Object> reaction(String owner, String title) {
		Map<String, Object> event = new HashMap<>();
		event.put("eventId", UUID.randomUUID().toString());
		event.put("kind", "REACTION_ADDED");
		event.put("occurredAt", Instant.now().toString());
		event.put("recipientId", owner);
		event.put("actor", Map.of("id", user(), "handle", "alice"));
		event.put("content", Map.of("type", "artwork", "id", UUID.randomUUID().toString(), "title", title));
		event.put("reaction", "🔥");
		return event;
	}

}
