package dev.herald.push;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket upgrade request written by hand, as a browser sends it (the JDK client
 * cannot offer extensions), and the status line and headers of the answer.
 */
final class Upgrades {

	/** What Chrome and Firefox offer. */
	static final String BROWSER_EXTENSIONS = "permessage-deflate; client_max_window_bits";

	private Upgrades() {
	}

	/**
	 * Sends the upgrade for {@code /v1/ws} and returns the answer's headers (lower-case
	 * names) with the status line under {@code ":status"}; closes the connection.
	 */
	static Map<String, String> offer(int port, String token, String extensions) {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String request = "GET /v1/ws HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n" + "Upgrade: websocket\r\n"
				+ "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
				+ "Sec-WebSocket-Version: 13\r\n" + "Sec-WebSocket-Extensions: " + extensions + "\r\n"
				+ "Authorization: Bearer " + token + "\r\n\r\n";
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			Map<String, String> answer = new LinkedHashMap<>();
			answer.put(":status", in.readLine());
			String line;
			while ((line = in.readLine()) != null && !line.isEmpty()) {
				int colon = line.indexOf(':');
				answer.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
			return answer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
