package dev.herald.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds TCP ports that nothing listens on.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Returns a port that was free on the loopback interface a moment ago.
	 * @return a free TCP port
	 */
	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free TCP port on the loopback interface", ex);
		}
	}

	/**
	 * Whether nothing listens on the given port, on any interface.
	 * @param port the TCP port
	 * @return {@code true} when the port can be bound
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
