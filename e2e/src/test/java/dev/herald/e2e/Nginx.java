package dev.herald.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx in front of the push gateway, as a browser behind a proxy meets it: HTTP
 * (SockJS, the page, the client script) passed through unbuffered, WebSocket upgraded —
 * unless told to refuse upgrades, as proxies that block WebSocket do (403 on
 * {@code /v1/ws}). Runs as a child process with its own prefix, on a free port.
 */
final class Nginx implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/sbin/nginx");

	private final Path prefix;

	private final int port;

	private final Process process;

	private Nginx(Path prefix, int port, Process process) {
		this.prefix = prefix;
		this.port = port;
		this.process = process;
	}

	static Nginx inFrontOf(int upstreamPort) throws IOException {
		if (!Files.isExecutable(BINARY)) {
			fail("nginx is needed: apt-get install -y nginx");
		}
		// nginx's workers run as nobody when the build runs as root: they must see the
		// flag
		Path prefix = Files.createTempDirectory("herald-e2e-nginx",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		int port = freePort();
		Files.writeString(prefix.resolve("nginx.conf"), configuration(prefix, port, upstreamPort));
		Process process = new ProcessBuilder(BINARY.toString(), "-p", prefix.toString(), "-c",
				prefix.resolve("nginx.conf").toString())
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("stdout.log").toFile())
			.start();
		Nginx nginx = new Nginx(prefix, port, process);
		await().atMost(Duration.ofSeconds(20)).until(nginx::answers);
		return nginx;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Whether {@code /v1/ws} answers 403 instead of upgrading; takes effect at once. */
	void refuseUpgrades(boolean refuse) throws IOException {
		Path flag = this.prefix.resolve("refuse-upgrade");
		if (refuse) {
			Files.writeString(flag, "");
		}
		else {
			Files.deleteIfExists(flag);
		}
	}

	/** nginx's access log so far. */
	String accessLog() throws IOException {
		Path log = this.prefix.resolve("access.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	private boolean answers() {
		if (!this.process.isAlive()) {
			fail("nginx stopped: " + read(this.prefix.resolve("stdout.log")) + read(this.prefix.resolve("error.log")));
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Host passes through with its port ({@code $http_host}), so the gateway's
	 * same-origin check sees the page's origin.
	 */
	private static String configuration(Path prefix, int port, int upstreamPort) {
		String upstream = "http://127.0.0.1:" + upstreamPort;
		return """
				daemon off;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log warn;
				events { worker_connections 512; }
				http {
					access_log %1$s/access.log;
					client_body_temp_path %1$s/body;
					proxy_temp_path %1$s/proxy;
					fastcgi_temp_path %1$s/fastcgi;
					uwsgi_temp_path %1$s/uwsgi;
					scgi_temp_path %1$s/scgi;
					map $http_upgrade $connection_upgrade { default upgrade; '' close; }
					server {
						listen 127.0.0.1:%2$d;
						location /v1/ws {
							if (-f %1$s/refuse-upgrade) { return 403; }
							proxy_pass %3$s;
							proxy_http_version 1.1;
							proxy_set_header Upgrade $http_upgrade;
							proxy_set_header Connection $connection_upgrade;
							proxy_set_header Host $http_host;
							proxy_read_timeout 3600s;
						}
						location / {
							proxy_pass %3$s;
							proxy_http_version 1.1;
							proxy_set_header Connection "";
							proxy_set_header Host $http_host;
							proxy_buffering off;
							proxy_read_timeout 3600s;
						}
					}
				}
				""".formatted(prefix, port, upstream);
	}

}
