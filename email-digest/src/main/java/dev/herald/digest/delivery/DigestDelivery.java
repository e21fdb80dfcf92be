package dev.herald.digest.delivery;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.UUID;

import dev.herald.digest.DigestMetrics;
import dev.herald.digest.delivery.DeliveryOutcome.Result;
import dev.herald.digest.emaillog.EmailLog;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one claimed e-mail through {@link JavaMailSender}, retrying temporary failures
 * with the resilience4j retry {@code smtp} (exponential back-off). Each attempt is marked
 * {@code sending} in the log before it starts, and back to {@code queued} with the reason
 * when the server certainly did not take the message.
 */
@Component
public class DigestDelivery {

	static final String RETRY = "smtp";

	private static final Logger log = LoggerFactory.getLogger(DigestDelivery.class);

	private final JavaMailSender mailSender;

	private final DigestMessages messages;

	private final EmailLog emailLog;

	private final Retry retry;

	private final Clock clock;

	DigestDelivery(JavaMailSender mailSender, DigestMessages messages, EmailLog emailLog, RetryRegistry retries,
			DigestMetrics metrics, Clock clock) {
		this.mailSender = mailSender;
		this.messages = messages;
		this.emailLog = emailLog;
		this.clock = clock;
		this.retry = retries.retry(RETRY);
		this.retry.getEventPublisher().onRetry((event) -> metrics.retried());
	}

	/**
	 * Sends the e-mail; an {@link Error} (the process is going down) propagates and
	 * leaves the log row as it is, for the recovery on restart to decide.
	 */
	public DeliveryOutcome deliver(Digest digest) {
		MimeMessage message;
		try {
			message = this.messages.build(digest);
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			return new DeliveryOutcome(Result.PERMANENT_FAILURE, "cannot build the message: " + ex.getMessage());
		}
		try {
			this.retry.executeCheckedSupplier(() -> attempt(digest.id(), message));
			return DeliveryOutcome.sent();
		}
		catch (Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			return outcome(ex);
		}
	}

	private Void attempt(UUID digestId, MimeMessage message) {
		this.emailLog.markSending(digestId, this.clock.instant());
		try {
			this.mailSender.send(message);
			return null;
		}
		catch (MailException ex) {
			String reason = SmtpFailures.describe(ex);
			log.warn("SMTP attempt for digest {} failed: {}", digestId, reason);
			if (SmtpFailures.isTemporary(ex)) {
				this.emailLog.markAttemptFailed(digestId, reason, this.clock.instant());
			}
			throw ex;
		}
	}

	private static DeliveryOutcome outcome(Throwable ex) {
		Result result = switch (SmtpFailures.classify(ex)) {
			case TEMPORARY -> Result.RETRIES_EXHAUSTED;
			case PERMANENT -> Result.PERMANENT_FAILURE;
			case UNKNOWN -> Result.UNKNOWN;
		};
		return new DeliveryOutcome(result, SmtpFailures.describe(ex));
	}

}
