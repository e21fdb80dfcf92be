package dev.herald.push.session;

import java.time.Instant;
import java.util.Locale;

/**
 * Who a connection belongs to, settled at the handshake, or by the {@code auth} frame of
 * a connection that brought no token to its handshake.
 *
 * @param userId the token's subject; null until the connection is authenticated
 * @param token the bearer token, forwarded to the store on the user's behalf
 * @param expiresAt when the token, and so the connection, expires
 * @param locale the language notification texts are rendered in
 */
record SessionIdentity(String userId, String token, Instant expiresAt, Locale locale) {

	static final String ATTRIBUTE = SessionIdentity.class.getName();

	/** A connection that has yet to send its {@code auth} frame. */
	static SessionIdentity anonymous(Locale locale) {
		return new SessionIdentity(null, null, null, locale);
	}

	boolean authenticated() {
		return this.userId != null;
	}

	/** This connection's identity once its {@code auth} frame's token was verified. */
	SessionIdentity authenticatedAs(String userId, String token, Instant expiresAt) {
		return new SessionIdentity(userId, token, expiresAt, this.locale);
	}

}
