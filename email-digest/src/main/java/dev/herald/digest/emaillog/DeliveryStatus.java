package dev.herald.digest.emaillog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an e-mail is. {@code QUEUED}: the intent is recorded and no SMTP attempt is in
 * flight; {@code SENDING}: an attempt is in flight; {@code SENT}: the server accepted it;
 * {@code FAILED}: not delivered (reason in the log); {@code UNKNOWN}: an attempt was
 * interrupted and may have been delivered, so it is not resent.
 */
public enum DeliveryStatus {

	QUEUED, SENDING, SENT, FAILED, UNKNOWN;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<DeliveryStatus> parse(String value) {
		return Arrays.stream(values()).filter((status) -> status.value().equals(value)).findFirst();
	}

}
