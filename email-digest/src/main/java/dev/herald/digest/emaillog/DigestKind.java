package dev.herald.digest.emaillog;

import java.util.Locale;

/**
 * What an e-mail carries: a digest of pending notifications, or one critical notification
 * sent on its own.
 */
public enum DigestKind {

	DIGEST, CRITICAL;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
