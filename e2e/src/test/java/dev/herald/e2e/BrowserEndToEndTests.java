package dev.herald.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.herald.devstack.HeraldServices;
import dev.herald.devstack.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium (Debian's, nothing downloaded) against the running system: a page
 * that loses its gateway while notifications are sent shows each of them once after it
 * reconnects; and the dev stack's demo page, whose screenshot the README shows.
 */
class BrowserEndToEndTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	/** Ana's digest in the dev mailbox, which also holds other tests' e-mails. */
	private static final By ANAS_MAIL = By.xpath("//ul[@id='mailbox']/li[contains(., 'ana@demo.herald.local')]");

	/** The unsubscribe link of a digest, whatever the language of its text. */
	private static final String ANAS_PLAYER = "ana-living-room";

	private static final By UNSUBSCRIBE_LINK = By.cssSelector("a[href*='/v1/unsubscribe?token=']");

	private static WebDriver browser;

	private static Path profile;

	@BeforeAll
	static void startBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("Headless Chromium is needed: apt-get install -y chromium chromium-driver");
		}
		Herald.stack();
		profile = Files.createTempDirectory("herald-e2e-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1280,900", "--user-data-dir=" + profile);
		browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aPageThatLostItsConnectionShowsEveryNotificationOnceAfterReconnecting() {
		String owner = "e2e-" + UUID.randomUUID();
		browser.get("http://127.0.0.1:" + HeraldServices.PUSH_PORT + "/demo.html?token=" + Herald.tokens.user(owner));
		await().atMost(TIMEOUT).until(() -> "online".equals(status()));

		ServiceProcess gateway = Herald.stack().service("push-gateway");
		gateway.kill();
		await().atMost(TIMEOUT).until(() -> !"online".equals(status()));
		Api ingest = new Api(HeraldServices.INGEST_PORT, Herald.tokens.service("art-community", "events:write"));
		for (int n = 0; n < 20; n++) {
			assertThat(ingest.post("/v1/events", reaction(owner, n)).status()).isEqualTo(202);
		}
		gateway.start();
		gateway.awaitHealthy(Duration.ofMinutes(3));

		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<String> shown = browser.findElements(By.cssSelector("#list li"))
				.stream()
				.map((item) -> item.getDomProperty("textContent"))
				.toList();
			assertThat(shown).hasSize(20).doesNotHaveDuplicates();
		});
		assertThat(browser.findElement(By.id("badge")).getText()).isEqualTo("20");
	}

	/**
	 * Behind a proxy that refuses the WebSocket upgrade the client falls back to SockJS
	 * (xhr-streaming); once the proxy lets WebSocket through, the client's probe finds it
	 * and the page goes back to WebSocket, missing and repeating nothing.
	 */
	@Test
	void aPageOnSockJsGoesBackToWebSocketOnceTheProxyLetsItThrough() throws Exception {
		String owner = "e2e-" + UUID.randomUUID();
		Api ingest = new Api(HeraldServices.INGEST_PORT, Herald.tokens.service("art-community", "events:write"));
		try (Nginx nginx = Nginx.inFrontOf(HeraldServices.PUSH_PORT)) {
			nginx.refuseUpgrades(true);
			browser.get(nginx.url() + "/demo.html?webSocketProbeMs=1500&token=" + Herald.tokens.user(owner));
			await().atMost(TIMEOUT).until(() -> "online".equals(status()));
			assertThat(transport()).isEqualTo("sockjs");
			assertThat(nginx.accessLog()).contains("GET /v1/ws?locale=").contains("\" 403 ");
			assertThat(ingest.post("/v1/events", reaction(owner, 1)).status()).isEqualTo(202);
			await().atMost(TIMEOUT).until(() -> shown().size() == 1);

			nginx.refuseUpgrades(false);
			await().atMost(TIMEOUT).until(() -> "websocket".equals(transport()) && "online".equals(status()));
			assertThat(nginx.accessLog()).contains("\" 101 ");
			assertThat(ingest.post("/v1/events", reaction(owner, 2)).status()).isEqualTo(202);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(shown()).hasSize(2).doesNotHaveDuplicates());
			assertThat(browser.findElement(By.id("badge")).getText()).isEqualTo("2");
		}
	}

	@Test
	void theDemoPageShowsLiveActivity() throws IOException {
		Herald.stack().startDemo();
		browser.get("http://localhost:8080/");
		await().atMost(TIMEOUT)
			.until(() -> browser.findElement(By.id("status")).getDomAttribute("class").contains("online"));
		// Web Push: the page registers its service worker and shows the permission;
		// headless
		// Chromium has no push service, so subscribing ends in the browser's refusal,
		// shown
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElement(By.id("webpush-worker")).getText())
				.startsWith("registered (scope http://localhost:8080/"));
		assertThat(browser.findElement(By.id("webpush-permission")).getText()).isIn("default", "denied", "granted");
		browser.findElement(By.id("webpush-enable")).click();
		await().atMost(TIMEOUT).until(() -> !browser.findElement(By.id("webpush-result")).getText().isEmpty());
		assertThat(browser.findElement(By.id("webpush-subscription")).getText()).startsWith("none for @");
		browser.findElement(By.id("player-key")).sendKeys(ANAS_PLAYER);
		browser.findElement(By.id("player-interval")).clear();
		browser.findElement(By.id("player-interval")).sendKeys("0");
		browser.findElement(By.id("add-player")).click();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElement(By.id("players")).getText()).contains(ANAS_PLAYER));
		browser.findElement(By.id("react")).click();
		browser.findElement(By.id("comment")).click();
		browser.findElement(By.id("burst")).click();

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#notifications li.unread")))
				.hasSizeGreaterThanOrEqualTo(2));
		assertThat(browser.findElement(By.id("badge")).isDisplayed()).isTrue();
		// the MQTT log shows what Ana's player got, and only that
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#mqtt li")))
				.extracting(WebElement::getText)
				.anySatisfy((line) -> assertThat(line).startsWith("makapix/player/" + ANAS_PLAYER + "/notification"))
				.allSatisfy((line) -> assertThat(line).contains("makapix/player/" + ANAS_PLAYER + "/")));

		new Select(browser.findElement(By.id("digest-frequency"))).selectByVisibleText("IMMEDIATE");
		browser.findElement(By.id("save-preferences")).click();
		await().atMost(TIMEOUT).until(() -> "saved".equals(browser.findElement(By.id("preferences-result")).getText()));
		browser.findElement(By.id("react")).click();
		await().atMost(TIMEOUT).until(() -> !browser.findElements(ANAS_MAIL).isEmpty());
		browser.manage().window().setSize(new Dimension(1280, 1900));
		((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
		browser.findElement(ANAS_MAIL).click();
		Path screenshot = Path.of("target", "demo.png");
		await().atMost(TIMEOUT).until(() -> mailShown());
		Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

		unsubscribeThroughTheMailLink();
	}

	/**
	 * Follows the digest's unsubscribe link as its reader would, and confirms. The page
	 * speaks Ana's language, Portuguese, like her digest.
	 */
	private static void unsubscribeThroughTheMailLink() {
		browser.switchTo().frame("mail");
		String link = browser.findElement(UNSUBSCRIBE_LINK).getDomAttribute("href");
		browser.switchTo().defaultContent();
		browser.get(link);
		assertThat(browser.findElement(By.tagName("h1")).getText())
			.isEqualTo("Parar de receber os resumos por e-mail?");
		browser.findElement(By.cssSelector("form[method=post] button")).click();
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(browser.findElement(By.tagName("h1")).getText()).as(browser.getPageSource())
				.isEqualTo("Sua inscrição foi cancelada"));
		Api store = new Api(HeraldServices.STORE_PORT, Herald.tokens.user("u-ana"));
		assertThat(store.get("/v1/preferences").json().at("/digest/frequency").asString()).isEqualTo("OFF");
	}

	private static boolean mailShown() {
		browser.switchTo().frame("mail");
		try {
			return browser.findElements(UNSUBSCRIBE_LINK).size() == 1;
		}
		finally {
			browser.switchTo().defaultContent();
		}
	}

	private static String transport() {
		return (String) ((JavascriptExecutor) browser).executeScript("return window.heraldClient.transportName");
	}

	private static List<String> shown() {
		return browser.findElements(By.cssSelector("#list li"))
			.stream()
			.map((item) -> item.getDomProperty("textContent"))
			.toList();
	}

	private static String status() {
		return browser.findElement(By.id("status")).getDomAttribute("data-status");
	}

	private static Map<String, Object> reaction(String owner, int n) {
		return Map.of("eventId", UUID.randomUUID().toString(), "kind", "REACTION_ADDED", "occurredAt",
				Instant.now().toString(), "recipientId", owner, "actor",
				Map.of("id", "e2e-" + UUID.randomUUID(), "handle", "fan" + n), "content",
				Map.of("type", "artwork", "id", "art-" + n, "title", "Piece " + n), "reaction", "⭐");
	}

}
