package dev.herald.ingest.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	@Test
	void markupIsRemovedAndEntitiesDecoded() {
		assertThat(PlainText.singleLine("<b>Sun</b> &amp; <a href='x'>sea</a><script>alert(1)</script>"))
			.isEqualTo("Sun & sea");
		assertThat(PlainText.singleLine("a < b <3")).isEqualTo("a < b <3");
	}

	@Test
	void whitespaceIsTidied() {
		assertThat(PlainText.singleLine("  one\n\ttwo   three ")).isEqualTo("one two three");
		assertThat(PlainText.multiLine("  line one\r\nline   two \n")).isEqualTo("line one\nline two");
	}

	@Test
	void capCountsGraphemesAndEndsWithAnEllipsis() {
		assertThat(PlainText.cap("a".repeat(100), 100)).isEqualTo("a".repeat(100));
		assertThat(PlainText.cap("a".repeat(101), 100)).isEqualTo("a".repeat(99) + "…");
		assertThat(PlainText.cap("", 100)).isEmpty();
	}

	@Test
	void capNeverSplitsAnEmoji() {
		String family = "👩‍👩‍👧‍👦";
		String thumb = "👍🏽";
		String flag = "🇵🇹";
		assertThat(PlainText.cap(family.repeat(5), 3)).isEqualTo(family.repeat(2) + "…");
		assertThat(PlainText.cap("ab" + thumb + flag + "cd", 4)).isEqualTo("ab" + thumb + "…");
		assertThat(PlainText.cap(flag.repeat(3), 3)).isEqualTo(flag.repeat(3));
		assertThat(PlainText.cap("e\u0301".repeat(4), 3)).isEqualTo("e\u0301e\u0301…");
	}

	@Test
	void cutTextLosesTrailingSpaceBeforeTheEllipsis() {
		assertThat(PlainText.cap("word another", 6)).isEqualTo("word…");
	}

}
