package dev.herald.digest.delivery;

import java.net.URI;

/**
 * The rendered parts of one e-mail.
 *
 * @param messageId its Message-ID header, derived from the digest id
 * @param subject the subject line
 * @param html the HTML alternative
 * @param text the plain-text alternative
 * @param unsubscribeUrl the one-click unsubscribe URL with its signed token
 */
public record ComposedMail(String messageId, String subject, String html, String text, URI unsubscribeUrl) {

}
