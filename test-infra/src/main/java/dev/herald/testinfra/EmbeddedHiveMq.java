package dev.herald.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ CE in this JVM, configured in a temporary folder that is deleted on close. It
 * persists to that folder, as a production broker does, so persistent sessions, their
 * queued messages and retained messages survive {@link #stop()} and {@link #start()}.
 */
final class EmbeddedHiveMq implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedHiveMq.class);

	private static final long TIMEOUT_SECONDS = 60;

	private static final String CONFIG_FOLDER = "conf";

	private static final String DATA_FOLDER = "data";

	private static final String EXTENSIONS_FOLDER = "extensions";

	private static final String CONFIG = """
			<?xml version="1.0"?>
			<hivemq>
			    <listeners>
			        <tcp-listener>
			            <port>%d</port>
			            <bind-address>%s</bind-address>
			        </tcp-listener>
			    </listeners>
			    <persistence>
			        <mode>file</mode>
			    </persistence>
			    <anonymous-usage-statistics>
			        <enabled>false</enabled>
			    </anonymous-usage-statistics>
			</hivemq>
			""";

	private final Path home;

	private EmbeddedHiveMQ running;

	private EmbeddedHiveMq(Path home) {
		this.home = home;
	}

	static EmbeddedHiveMq create(String host, int port) {
		try {
			Path home = Files.createTempDirectory("herald-hivemq-");
			Files.createDirectories(home.resolve(CONFIG_FOLDER));
			Files.createDirectories(home.resolve(DATA_FOLDER));
			Files.createDirectories(home.resolve(EXTENSIONS_FOLDER));
			Files.writeString(home.resolve(CONFIG_FOLDER).resolve("config.xml"), CONFIG.formatted(port, host));
			return new EmbeddedHiveMq(home);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the HiveMQ CE folders", ex);
		}
	}

	/**
	 * Starts a new HiveMQ instance on the prepared folders. HiveMQ CE 2025.5 cannot
	 * restart a stopped instance (its metrics are registered twice), so every start
	 * builds a fresh one.
	 */
	synchronized void start() {
		if (this.running == null) {
			EmbeddedHiveMQ hiveMq = build();
			try {
				await(hiveMq.start().orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS), "start");
			}
			catch (RuntimeException ex) {
				closeQuietly(hiveMq);
				throw ex;
			}
			this.running = hiveMq;
		}
	}

	synchronized void stop() {
		if (this.running != null) {
			EmbeddedHiveMQ hiveMq = this.running;
			this.running = null;
			await(hiveMq.stop().orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS), "stop");
			closeQuietly(hiveMq);
		}
	}

	@Override
	public synchronized void close() {
		try {
			stop();
		}
		finally {
			deleteHome();
		}
	}

	private EmbeddedHiveMQ build() {
		return EmbeddedHiveMQ.builder()
			.withConfigurationFolder(this.home.resolve(CONFIG_FOLDER))
			.withDataFolder(this.home.resolve(DATA_FOLDER))
			.withExtensionsFolder(this.home.resolve(EXTENSIONS_FOLDER))
			.withoutLoggingBootstrap()
			.build();
	}

	private static void closeQuietly(EmbeddedHiveMQ hiveMq) {
		try {
			hiveMq.close();
		}
		catch (ExecutionException ex) {
			log.warn("HiveMQ CE did not close cleanly", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CompletableFuture<Void> action, String name) {
		try {
			action.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("HiveMQ CE failed to " + name, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while HiveMQ CE was asked to " + name, ex);
		}
	}

	private void deleteHome() {
		try (Stream<Path> paths = Files.walk(this.home)) {
			paths.sorted(Comparator.reverseOrder()).forEach(EmbeddedHiveMq::delete);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + this.home, ex);
		}
	}

	private static void delete(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + path, ex);
		}
	}

}
