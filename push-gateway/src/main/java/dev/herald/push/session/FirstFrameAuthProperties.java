package dev.herald.push.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First-frame authentication ({@code herald.push.auth.*}) of connections whose handshake
 * carried no token.
 *
 * @param timeout how long such a connection may take to send its {@code auth} frame
 * before it is closed with 4401; the client sends it right after the upgrade, so this
 * only has to cover one trip (a SockJS xhr send included)
 * @param maxWaiting connections that may wait for their {@code auth} frame at once; a
 * handshake without a token beyond that is answered 503, so that anonymous connections
 * cannot take the instance's whole capacity
 */
@ConfigurationProperties("herald.push.auth")
record FirstFrameAuthProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("1000") int maxWaiting) {

	FirstFrameAuthProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("herald.push.auth.timeout must be positive, was " + timeout);
		}
		if (maxWaiting < 1) {
			throw new IllegalArgumentException("herald.push.auth.max-waiting must be at least 1, was " + maxWaiting);
		}
	}

}
