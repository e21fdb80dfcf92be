package dev.herald.testinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void foundPortCanBeBound() throws IOException {
		int port = FreePorts.find();

		assertThat(FreePorts.isFree(port)).isTrue();
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void listenedPortIsNotFree() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
		}
	}

}
