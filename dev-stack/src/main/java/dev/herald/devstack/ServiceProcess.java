package dev.herald.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Herald service running as a child JVM from its Spring Boot jar, its output in a log
 * file. {@link #kill()} is a {@code kill -9}; {@link #close()} a graceful stop.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ServiceSpec spec;

	private final Path logFile;

	private Process process;

	private ServiceProcess(ServiceSpec spec, Path logFile) {
		this.spec = spec;
		this.logFile = logFile;
	}

	/** Starts the service; returns at once, see {@link #awaitHealthy(Duration)}. */
	public static ServiceProcess start(ServiceSpec spec, Path logDirectory) {
		ServiceProcess service = new ServiceProcess(spec, logDirectory.resolve(spec.name() + ".log"));
		service.start();
		return service;
	}

	/**
	 * Starts it again after {@link #kill()} or {@link #close()}, with the same settings.
	 */
	public void start() {
		start(Map.of());
	}

	/**
	 * Starts it again with some settings changed, e.g. a clock offset; the next plain
	 * {@link #start()} goes back to the spec's settings.
	 */
	public synchronized void start(Map<String, String> changedEnvironment) {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException(this.spec.name() + " is running");
		}
		try {
			Files.createDirectories(this.logFile.getParent());
			ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
			builder.environment().putAll(this.spec.environment());
			builder.environment().putAll(changedEnvironment);
			this.process = builder.start();
			log.info("{} started (pid {}), log {}", this.spec.name(), this.process.pid(), this.logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.spec.name(), ex);
		}
	}

	private List<String> command() {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(this.spec.jvmOptions());
		command.addAll(List.of("-jar", this.spec.jar().toString()));
		return command;
	}

	/** Waits until {@code /actuator/health} answers 200, or fails with the log's path. */
	public void awaitHealthy(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (!isHealthy()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.spec.name() + " exited with " + this.process.exitValue() + "; see " + this.logFile);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(
						this.spec.name() + " not healthy after " + timeout + "; see " + this.logFile);
			}
			this.process.onExit().completeOnTimeout(null, 250, TimeUnit.MILLISECONDS).join();
		}
	}

	public boolean isHealthy() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.spec.port();
	}

	public ServiceSpec spec() {
		return this.spec;
	}

	public long pid() {
		return this.process.pid();
	}

	/** Like {@code kill -9}: no shutdown hooks, no graceful drain. */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			this.process.onExit().join();
			log.info("{} killed", this.spec.name());
		}
	}

	/** Graceful stop (SIGTERM), forced after 20 s. */
	@Override
	public synchronized void close() {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		if (this.process.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).join() == null) {
			log.warn("{} did not stop within 20 s; killing it", this.spec.name());
			this.process.destroyForcibly().onExit().join();
		}
	}

}
