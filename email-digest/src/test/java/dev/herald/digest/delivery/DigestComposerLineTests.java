package dev.herald.digest.delivery;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.herald.digest.delivery.DigestComposer.Line;
import dev.herald.digest.pending.PendingItem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one notification line of an e-mail links to and carries.
 */
class DigestComposerLineTests {

	private static final String CONTENT = "https://art.example/a/1";

	@Test
	void linksToTheActionUrlElseToTheContentAndOnlyOverHttp() {
		assertThat(line("https://app.example/c/7", CONTENT).url()).isEqualTo("https://app.example/c/7");
		assertThat(line("http://app.example/c/7", null).url()).isEqualTo("http://app.example/c/7");
		assertThat(line(null, CONTENT).url()).isEqualTo(CONTENT);
		assertThat(line("javascript:alert(1)", CONTENT).url()).isEqualTo(CONTENT);
		assertThat(line("app://c/7", "ftp://art.example/a/1").url()).isNull();
		assertThat(line(null, null).url()).isNull();
	}

	@Test
	void carriesTheCommentIdAndTheAttributesForTheTemplate() {
		PendingItem item = new PendingItem("n1", "comment.one",
				Map.of("actor1", "eve", "title", "Sunset", "preview", "nice"), CONTENT, null, "c-42",
				Map.of("campaign", "spring"), false, Instant.EPOCH, Instant.EPOCH);
		Line line = DigestComposer.line(item, Locale.ENGLISH);
		assertThat(line.text()).isEqualTo("eve commented on Sunset: \u201cnice\u201d");
		assertThat(line.commentId()).isEqualTo("c-42");
		assertThat(line.attributes()).containsExactly(Map.entry("campaign", "spring"));
	}

	private static Line line(String actionUrl, String contentUrl) {
		return DigestComposer.line(new PendingItem("n1", "follow.one", Map.of("actor1", "eve"), contentUrl, actionUrl,
				null, Map.of(), false, Instant.EPOCH, Instant.EPOCH), Locale.ENGLISH);
	}

}
