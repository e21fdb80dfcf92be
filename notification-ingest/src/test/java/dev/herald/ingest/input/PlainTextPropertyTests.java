package dev.herald.ingest.input;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut for text without {@code <} or {@code &} gives exactly what jsoup gives,
 * for any such text (every plane, controls and whitespace included).
 */
class PlainTextPropertyTests {

	@Property(tries = 5000)
	void textWithoutATagOrAnEntityComesOutAsJsoupWouldMakeIt(@ForAll("plain") String raw) {
		assertThat(PlainText.stripMarkup(raw)).isEqualTo(PlainText.jsoup(raw));
	}

	@Provide
	Arbitrary<String> plain() {
		return Arbitraries.strings().all().excludeChars('<', '&').ofMaxLength(200);
	}

}
