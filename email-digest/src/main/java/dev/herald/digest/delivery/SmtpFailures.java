package dev.herald.digest.delivery;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Sorts SMTP failures: 4xx replies and unreachable servers are temporary (the message was
 * certainly not taken, so it can be tried again); 5xx replies, bad addresses and refused
 * credentials are permanent; anything else is unknown (the server may have taken it) and,
 * to never send twice, is not retried.
 */
final class SmtpFailures {

	enum Kind {

		TEMPORARY, PERMANENT, UNKNOWN

	}

	private SmtpFailures() {
	}

	static boolean isTemporary(Throwable ex) {
		return classify(ex) == Kind.TEMPORARY;
	}

	static Kind classify(Throwable ex) {
		for (Throwable cause : causes(ex)) {
			int code = replyCode(cause);
			if (code >= 400) {
				return (code < 500) ? Kind.TEMPORARY : Kind.PERMANENT;
			}
			if (cause instanceof MailConnectException || cause instanceof ConnectException
					|| cause instanceof UnknownHostException) {
				return Kind.TEMPORARY;
			}
			if (cause instanceof MailAuthenticationException || cause instanceof AuthenticationFailedException
					|| cause instanceof MailParseException || cause instanceof MailPreparationException
					|| cause instanceof AddressException) {
				return Kind.PERMANENT;
			}
		}
		return Kind.UNKNOWN;
	}

	/** The most specific message in the chain, e.g. the server's reply. */
	static String describe(Throwable ex) {
		String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		for (Throwable cause : causes(ex)) {
			if (cause.getMessage() != null) {
				reason = cause.getClass().getSimpleName() + ": " + cause.getMessage().strip();
			}
		}
		return reason;
	}

	private static int replyCode(Throwable cause) {
		return switch (cause) {
			case SMTPSendFailedException failed -> failed.getReturnCode();
			case SMTPAddressFailedException failed -> failed.getReturnCode();
			case SMTPSenderFailedException failed -> failed.getReturnCode();
			default -> 0;
		};
	}

	/**
	 * The exception and everything it wraps: causes, JavaMail's chained exceptions and
	 * the per-message failures of Spring's {@link MailSendException}.
	 */
	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		collect(ex, causes);
		return causes;
	}

	private static void collect(Throwable ex, List<Throwable> causes) {
		if (ex == null || causes.contains(ex) || causes.size() > 20) {
			return;
		}
		causes.add(ex);
		if (ex instanceof MailSendException send) {
			send.getFailedMessages().values().forEach((failure) -> collect(failure, causes));
		}
		if (ex instanceof MessagingException messaging) {
			collect(messaging.getNextException(), causes);
		}
		collect(ex.getCause(), causes);
	}

}
