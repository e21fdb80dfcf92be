package dev.herald.webpush.subscription;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import dev.herald.testinfra.TestPushService;
import dev.herald.webpush.WebPushProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service posts only to https endpoints of known push services, with keys it can
 * encrypt for.
 */
class EndpointPolicyTests {

	private static final TestPushService.Browser BROWSER = browser();

	private final EndpointPolicy defaults = new EndpointPolicy(
			properties(List.of("fcm.googleapis.com", "updates.push.services.mozilla.com", "*.notify.windows.com",
					"web.push.apple.com", "*.push.apple.com"), false));

	@ParameterizedTest
	@ValueSource(strings = { "https://fcm.googleapis.com/fcm/send/abc:APA91b",
			"https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
			"https://wns2-par02p.notify.windows.com/w/?token=x", "https://web.push.apple.com/QGuQyavXutnMH",
			"https://api.push.apple.com/3/device/x", "HTTPS://FCM.GOOGLEAPIS.COM/fcm/send/x" })
	void knownPushServicesAreAccepted(String endpoint) {
		assertThatCode(() -> this.defaults.check(endpoint, BROWSER.p256dh(), BROWSER.auth()))
			.doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://fcm.googleapis.com/fcm/send/x", "https://evil.example/push",
			"https://fcm.googleapis.com.evil.example/x", "https://notify.windows.com/x", "https://evilpush.apple.com/x",
			"https://user@fcm.googleapis.com/x", "https://fcm.googleapis.com/x#frag", "ftp://fcm.googleapis.com/x",
			"fcm.googleapis.com/x", "https:///x", "https://exa mple.com/x", "javascript:alert(1)",
			"https://127.0.0.1/x" })
	void anyOtherEndpointIsRefusedNamingTheField(String endpoint) {
		assertThatThrownBy(() -> this.defaults.check(endpoint, BROWSER.p256dh(), BROWSER.auth()))
			.isInstanceOfSatisfying(InvalidSubscriptionException.class,
					(ex) -> org.assertj.core.api.Assertions.assertThat(ex.field()).isEqualTo("endpoint"));
	}

	@Test
	void plainHttpOnlyWhenConfigured() {
		EndpointPolicy local = new EndpointPolicy(properties(List.of("127.0.0.1"), true));
		assertThatCode(() -> local.check("http://127.0.0.1:1234/push/x", BROWSER.p256dh(), BROWSER.auth()))
			.doesNotThrowAnyException();
		EndpointPolicy httpsOnly = new EndpointPolicy(properties(List.of("127.0.0.1"), false));
		assertThatThrownBy(() -> httpsOnly.check("http://127.0.0.1:1234/push/x", BROWSER.p256dh(), BROWSER.auth()))
			.isInstanceOf(InvalidSubscriptionException.class);
	}

	@Test
	void keysMustBeAPointOnP256AndASixteenByteSecret() {
		String endpoint = "https://fcm.googleapis.com/fcm/send/x";
		byte[] point = Base64.getUrlDecoder().decode(BROWSER.p256dh());
		point[64] ^= 1;
		String offCurve = Base64.getUrlEncoder().withoutPadding().encodeToString(point);
		for (String p256dh : List.of("not base64!", "AAAA", offCurve, BROWSER.auth())) {
			assertThatThrownBy(() -> this.defaults.check(endpoint, p256dh, BROWSER.auth())).isInstanceOfSatisfying(
					InvalidSubscriptionException.class,
					(ex) -> org.assertj.core.api.Assertions.assertThat(ex.field()).isEqualTo("keys.p256dh"));
		}
		for (String auth : List.of("***", "AAAA", BROWSER.p256dh())) {
			assertThatThrownBy(() -> this.defaults.check(endpoint, BROWSER.p256dh(), auth)).isInstanceOfSatisfying(
					InvalidSubscriptionException.class,
					(ex) -> org.assertj.core.api.Assertions.assertThat(ex.field()).isEqualTo("keys.auth"));
		}
	}

	private static WebPushProperties properties(List<String> hosts, boolean allowHttp) {
		return new WebPushProperties("mailto:ops@example.com", null, null, hosts, allowHttp, 20, List.of(),
				Duration.ofDays(1), Duration.ofDays(7), Duration.ofSeconds(10), Duration.ofSeconds(30));
	}

	private static TestPushService.Browser browser() {
		try (TestPushService push = TestPushService.start()) {
			return push.subscribe();
		}
	}

}
