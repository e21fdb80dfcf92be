package dev.herald.testinfra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A GreenMail SMTP server on 127.0.0.1 that accepts every mail without authentication and
 * keeps it for inspection.
 */
public final class SmtpServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

	private static final String HOST = "127.0.0.1";

	private final int port;

	private final GreenMail greenMail;

	private SmtpServer(int port) {
		this.port = port;
		this.greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP))
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
	}

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	public static SmtpServer start() {
		return start(FreePorts.find());
	}

	/**
	 * Starts a server on the given port.
	 * @param port the TCP port to listen on, on 127.0.0.1
	 * @return the running server
	 */
	public static SmtpServer start(int port) {
		SmtpServer server = new SmtpServer(port);
		server.greenMail.start();
		log.info("GreenMail SMTP listening at {}:{}", HOST, port);
		return server;
	}

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Sets {@code spring.mail.host} and {@code spring.mail.port} to this server.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", this::host);
		registry.add("spring.mail.port", this::port);
	}

	/**
	 * The mails received since start or the last {@link #reset()}.
	 * @return the messages, oldest first
	 */
	public MimeMessage[] receivedMessages() {
		return this.greenMail.getReceivedMessages();
	}

	/**
	 * Forgets every received mail.
	 */
	public void reset() {
		try {
			this.greenMail.purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Could not purge the GreenMail mailboxes", ex);
		}
	}

	/**
	 * Stops listening; senders get connection refused until {@link #restart()}.
	 */
	public void stop() {
		this.greenMail.stop();
		log.info("GreenMail SMTP at {}:{} stopped", HOST, this.port);
	}

	/**
	 * Starts listening again on the same port.
	 */
	public void restart() {
		this.greenMail.stop();
		this.greenMail.start();
		log.info("GreenMail SMTP listening again at {}:{}", HOST, this.port);
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
