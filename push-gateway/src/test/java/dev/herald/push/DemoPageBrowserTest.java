package dev.herald.push;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.herald.push.feed.NotificationsListener;
import dev.herald.push.session.SessionRegistry;
import dev.herald.push.session.ShutdownDrain;
import dev.herald.testinfra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/** The demo page and herald-client.js in headless Chromium against the real gateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "herald.push.shutdown-jitter=1s")
class DemoPageBrowserTest extends GatewayTestSupport {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final int PORT = FreePorts.find();

	private static WebDriver browser;

	private static Path profile;

	final ShutdownDrain drain;

	DemoPageBrowserTest(NotificationsListener feed, SessionRegistry registry, ShutdownDrain drain) {
		super(feed, registry);
		this.drain = drain;
	}

	@DynamicPropertySource
	static void fixedPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("Headless Chromium is needed: apt-get install -y chromium chromium-driver");
		}
		profile = Files.createTempDirectory("herald-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=900,600", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void showsNotificationsMarksThemSeenThenReadAndReconnectsAfterAServerSideDisconnect() throws IOException {
		String user = newUser();
		browser.get("http://localhost:" + PORT + "/demo.html?since=0&token=" + TOKENS.user(user));
		awaitStatus("online");

		publish(Changes.created(user, 1, 1));
		await().untilAsserted(() -> assertThat(badge()).isEqualTo("1"));
		assertThat(browser.findElements(By.cssSelector("#list li.unread"))).hasSize(1);

		browser.findElement(By.id("avatar")).click();
		await().untilAsserted(() -> assertThat(store.requestsOf(user))
			.anyMatch((request) -> request.path().equals("/v1/notifications/seen") && request.body().equals("{}")));
		publish(Changes.allSeen(user, 2, 1, List.of(Changes.idAt(1))));
		await().untilAsserted(() -> assertThat(badge()).isEmpty());
		assertThat(browser.findElements(By.cssSelector("#list li.unread"))).as("seen, not read").hasSize(1);

		browser.findElement(By.cssSelector("#list li")).click();
		await().untilAsserted(() -> assertThat(store.requestsOf(user))
			.anyMatch((request) -> request.path().equals("/v1/notifications/read")
					&& request.body().equals("{\"ids\":[\"" + Changes.idAt(1) + "\"]}")));
		publish(Changes.allRead(user, 3));
		await().untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#list li.unread"))).isEmpty());

		this.drain.drain();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(helloRequests(user)).isEqualTo(2));
		awaitStatus("online");
		publish(Changes.created(user, 4, 120));
		await().untilAsserted(() -> assertThat(badge()).isEqualTo("99+"));
		assertThat(browser.findElements(By.cssSelector("#list li"))).hasSize(2);
		saveScreenshot();
	}

	@Test
	void fallsBackToSockJsLoadedFromTheWebjar() {
		String user = newUser();
		browser.get("http://localhost:" + PORT + "/demo.html?transport=sockjs&token=" + TOKENS.user(user));
		awaitStatus("online");

		publish(Changes.created(user, 1, 1));

		await().untilAsserted(() -> assertThat(badge()).isEqualTo("1"));
		assertThat(browser.findElements(By.cssSelector("#list li.unread"))).hasSize(1);
		assertThat(((JavascriptExecutor) browser).executeScript("return window.heraldClient.transportName"))
			.isEqualTo("sockjs");
	}

	/**
	 * Notification texts are plain text (ingest decoded any entity): markup in them is
	 * shown as typed, never parsed.
	 */
	@Test
	void showsMarkupInATextAsTextAndRunsNothing() {
		String user = newUser();
		browser.get("http://localhost:" + PORT + "/demo.html?since=0&token=" + TOKENS.user(user));
		awaitStatus("online");
		String title = "<img src=x onerror=\"window.pwned=1\"><b>bold</b> &amp;";

		publish(Changes.createdAbout(user, 1, 1, title));

		await().untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#list li"))).hasSize(1));
		assertThat(browser.findElement(By.cssSelector("#list li")).getDomProperty("textContent")).contains(title);
		assertThat(browser.findElements(By.cssSelector("#list img, #list b"))).isEmpty();
		assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
	}

	private static void awaitStatus(String status) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(browser.findElement(By.id("status")).getDomAttribute("data-status"))
				.isEqualTo(status));
	}

	/** The badge as seen: empty when hidden. */
	private static String badge() {
		return browser.findElement(By.id("badge")).getText();
	}

	private static long helloRequests(String user) {
		return store.requestsOf(user)
			.stream()
			.filter((request) -> request.path().endsWith("/unread-count:batch"))
			.count();
	}

	private static void saveScreenshot() throws IOException {
		byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		Files.write(Path.of("target", "demo.png"), png);
	}

}
