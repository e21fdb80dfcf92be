package dev.herald.schema.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What an event may carry as a URL (content, thumbnail, avatar, action): an absolute
 * http(s) URL with a host, at most {@value #MAX_LENGTH} characters. Ingest refuses others
 * with a 400, the store dead-letters an event that carries one, so a link a client puts
 * in an {@code href} can never be {@code javascript:} or {@code data:}.
 */
public final class WebUrls {

	/** The longest URL accepted. */
	public static final int MAX_LENGTH = 2048;

	private WebUrls() {
	}

	/**
	 * Whether {@code value} is an absolute http(s) URL with a host, of an accepted
	 * length.
	 */
	public static boolean isWebUrl(String value) {
		if (value == null || value.length() > MAX_LENGTH) {
			return false;
		}
		try {
			URI uri = new URI(value);
			String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
			return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
