package dev.herald.digest.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.herald.digest.DigestProperties;
import dev.herald.digest.emaillog.DigestKind;
import dev.herald.digest.pending.PendingItem;
import dev.herald.digest.recipients.Recipient;
import dev.herald.schema.text.NotificationTexts;
import dev.herald.schema.token.UnsubscribeToken;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Renders a digest in the recipient's language: the subject from the module's message
 * bundle (ICU plural rules, {@link IcuMessageSource}), each notification line from
 * {@link NotificationTexts}, the HTML and text parts from the {@code mail/digest}
 * templates, which escape every value.
 */
@Component
public class DigestComposer {

	private static final int MAX_SUBJECT = 150;

	private final ITemplateEngine templates;

	private final MessageSource messages;

	private final DigestProperties properties;

	DigestComposer(ITemplateEngine templates, MessageSource messages, DigestProperties properties) {
		this.templates = templates;
		this.messages = messages;
		this.properties = properties;
	}

	public ComposedMail compose(UUID digestId, DigestKind kind, Recipient recipient, List<PendingItem> items,
			Instant now) {
		Locale locale = recipient.locale();
		List<Line> lines = items.stream().limit(this.properties.topItems()).map((item) -> line(item, locale)).toList();
		String subject = subject(kind, lines, items.size(), locale);
		URI unsubscribeUrl = unsubscribeUrl(recipient.userId(), now);
		Context context = new Context(locale,
				Map.of("lang", locale.getLanguage(), "subject", subject, "critical", kind == DigestKind.CRITICAL,
						"total", items.size(), "lines", lines, "more", items.size() - lines.size(), "inboxUrl",
						this.properties.inboxUrl().toString(), "unsubscribeUrl", unsubscribeUrl.toString()));
		if (recipient.displayName() != null && !recipient.displayName().isBlank()) {
			context.setVariable("name", recipient.displayName());
		}
		return new ComposedMail("<" + digestId + "@" + this.properties.messageIdDomain() + ">", subject,
				this.templates.process("mail/digest", context), this.templates.process("mail/digest.txt", context),
				unsubscribeUrl);
	}

	private String subject(DigestKind kind, List<Line> lines, int total, Locale locale) {
		String subject = (kind == DigestKind.CRITICAL) ? lines.getFirst().text()
				: this.messages.getMessage("digest.subject", new Object[] { total }, locale);
		String oneLine = subject.replaceAll("\\p{Cntrl}+", " ").strip();
		return (oneLine.length() > MAX_SUBJECT) ? oneLine.substring(0, MAX_SUBJECT - 1) + "\u2026" : oneLine;
	}

	private URI unsubscribeUrl(String userId, Instant now) {
		String token = UnsubscribeToken.email(userId, now).sign(this.properties.unsubscribeSecretBytes());
		return UriComponentsBuilder.fromUri(this.properties.publicStoreUrl())
			.path("/v1/unsubscribe")
			.queryParam("token", token)
			.encode()
			.build()
			.toUri();
	}

	/**
	 * The line of one item: it links to the notification's action URL, else (none, or not
	 * http(s)) to its content's URL, and never to a URL that is not http(s).
	 */
	static Line line(PendingItem item, Locale locale) {
		String url = linkable(item.actionUrl()) ? item.actionUrl() : item.contentUrl();
		return new Line(NotificationTexts.render(item.templateKey(), item.params(), locale), linkable(url) ? url : null,
				item.commentId(), item.attributes());
	}

	private static boolean linkable(String url) {
		return url != null && (url.startsWith("https://") || url.startsWith("http://"));
	}

	/**
	 * One notification as the templates show it.
	 *
	 * @param text the rendered notification line (plain text; the HTML template escapes
	 * it)
	 * @param url what the line links to: the notification's action URL, else its
	 * content's, only if http(s); {@code null} for none
	 * @param commentId the notification's latest comment's id, or {@code null}
	 * @param attributes the notification's latest event's attributes (empty when none)
	 */
	public record Line(String text, String url, String commentId, Map<String, String> attributes) {

	}

}
