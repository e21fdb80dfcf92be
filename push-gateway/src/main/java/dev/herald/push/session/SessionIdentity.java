package dev.herald.push.session;

import java.time.Instant;
import java.util.Locale;

/**
 * Who a connection belongs to, settled at the handshake.
 *
 * @param userId the token's subject
 * @param token the bearer token, forwarded to the store on the user's behalf
 * @param expiresAt when the token, and so the connection, expires
 * @param locale the language notification texts are rendered in
 */
record SessionIdentity(String userId, String token, Instant expiresAt, Locale locale) {

	static final String ATTRIBUTE = SessionIdentity.class.getName();

}
