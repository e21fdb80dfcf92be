package dev.herald.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker on 127.0.0.1: HiveMQ CE embedded in this JVM, which can be stopped and
 * started again on the same port, or a broker already running on the machine.
 */
public final class MqttBroker implements AutoCloseable {

	/** The standard MQTT port, where a local Mosquitto listens. */
	public static final int DEFAULT_PORT = 1883;

	private static final Logger log = LoggerFactory.getLogger(MqttBroker.class);

	private static final String HOST = "127.0.0.1";

	private static final int PROBE_TIMEOUT_MILLIS = 1000;

	/** MQTT 3.1.1 CONNECT: clean session, keep-alive 10 s, empty client id. */
	private static final byte[] CONNECT = { 0x10, 0x0c, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x0a, 0x00,
			0x00 };

	private static final byte[] DISCONNECT = { (byte) 0xe0, 0x00 };

	private static final int CONNACK = 0x20;

	private final int port;

	private final EmbeddedHiveMq embedded;

	private MqttBroker(int port, EmbeddedHiveMq embedded) {
		this.port = port;
		this.embedded = embedded;
	}

	/**
	 * Starts HiveMQ CE on a free port.
	 * @return the running broker
	 */
	public static MqttBroker startEmbedded() {
		return startEmbedded(FreePorts.find());
	}

	/**
	 * Starts HiveMQ CE on the given port.
	 * @param port the TCP port to listen on, on 127.0.0.1
	 * @return the running broker
	 */
	public static MqttBroker startEmbedded(int port) {
		MqttBroker broker = new MqttBroker(port, EmbeddedHiveMq.create(HOST, port));
		try {
			broker.start();
			return broker;
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
	}

	/**
	 * The broker listening on 127.0.0.1:1883, such as a local Mosquitto, if one answers
	 * an MQTT CONNECT there. It cannot be stopped or started from here.
	 * @return the local broker, or empty when none answers
	 */
	public static Optional<MqttBroker> localMosquitto() {
		if (answersMqtt(HOST, DEFAULT_PORT)) {
			log.info("Found an MQTT broker at {}:{}", HOST, DEFAULT_PORT);
			return Optional.of(new MqttBroker(DEFAULT_PORT, null));
		}
		return Optional.empty();
	}

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	/**
	 * The URI that MQTT clients connect to.
	 * @return {@code tcp://127.0.0.1:PORT}
	 */
	public String uri() {
		return "tcp://" + HOST + ":" + this.port;
	}

	/**
	 * Whether this broker runs in this JVM, so that {@link #stop()} and {@link #start()}
	 * work.
	 * @return {@code true} for HiveMQ CE embedded
	 */
	public boolean isEmbedded() {
		return this.embedded != null;
	}

	/**
	 * Starts the embedded broker again on the same port after {@link #stop()}.
	 */
	public void start() {
		requireEmbedded("start").start();
		log.info("HiveMQ CE listening at {}", uri());
	}

	/**
	 * Stops the embedded broker; clients are disconnected and cannot connect until
	 * {@link #start()}.
	 */
	public void stop() {
		requireEmbedded("stop").stop();
		log.info("HiveMQ CE at {} stopped", uri());
	}

	@Override
	public void close() {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

	private EmbeddedHiveMq requireEmbedded(String action) {
		if (this.embedded == null) {
			throw new IllegalStateException("Cannot " + action + " the MQTT broker at " + uri()
					+ ": it runs outside this JVM (e.g. Mosquitto); use MqttBroker.startEmbedded() for fault tests");
		}
		return this.embedded;
	}

	private static boolean answersMqtt(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
			socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(CONNECT);
			out.flush();
			InputStream in = socket.getInputStream();
			boolean answered = in.read() == CONNACK;
			out.write(DISCONNECT);
			return answered;
		}
		catch (IOException ex) {
			log.debug("No MQTT broker at {}:{}: {}", host, port, ex.toString());
			return false;
		}
	}

}
