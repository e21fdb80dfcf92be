package dev.herald.device.mqtt;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal MQTT 3.1.1 broker that, like brokers without MQTT 5, refuses protocol level 5
 * with "unacceptable protocol version" in the 3.1.1 format. It acknowledges QoS 1
 * publishes and remembers their topics.
 */
final class Mqtt311OnlyBroker implements AutoCloseable {

	private static final int CONNECT = 1;

	private static final int PUBLISH = 3;

	private static final int PINGREQ = 12;

	private static final int PROTOCOL_LEVEL_OFFSET = 6;

	private final ServerSocket server;

	private final List<Integer> protocolLevels = new CopyOnWriteArrayList<>();

	private final List<String> publishedTopics = new CopyOnWriteArrayList<>();

	Mqtt311OnlyBroker() throws IOException {
		this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	List<Integer> protocolLevels() {
		return List.copyOf(this.protocolLevels);
	}

	List<String> publishedTopics() {
		return List.copyOf(this.publishedTopics);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Thread.ofVirtual().start(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			DataInputStream in = new DataInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			while (true) {
				int type = in.readUnsignedByte() >> 4;
				byte[] body = in.readNBytes(remainingLength(in));
				if (!answer(type, body, out)) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private boolean answer(int type, byte[] body, OutputStream out) throws IOException {
		if (type == CONNECT) {
			int level = body[PROTOCOL_LEVEL_OFFSET];
			this.protocolLevels.add(level);
			out.write(new byte[] { 0x20, 0x02, 0x00, (byte) ((level == 4) ? 0x00 : 0x01) });
			return level == 4;
		}
		if (type == PUBLISH) {
			int topicLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
			this.publishedTopics.add(new String(body, 2, topicLength, StandardCharsets.UTF_8));
			out.write(new byte[] { 0x40, 0x02, body[2 + topicLength], body[3 + topicLength] });
		}
		else if (type == PINGREQ) {
			out.write(new byte[] { (byte) 0xd0, 0x00 });
		}
		return true;
	}

	private static int remainingLength(DataInputStream in) throws IOException {
		int length = 0;
		int multiplier = 1;
		int digit;
		do {
			digit = in.readUnsignedByte();
			length += (digit & 0x7f) * multiplier;
			multiplier *= 128;
		}
		while ((digit & 0x80) != 0);
		return length;
	}

}
