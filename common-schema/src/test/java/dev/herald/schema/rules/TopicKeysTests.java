package dev.herald.schema.rules;

import dev.herald.schema.EventKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicKeysTests {

	@ParameterizedTest
	@ValueSource(strings = { "artwork:123", "thread:9", "creator:alice", "blog_post:a.b~c@d+e-f_g", "x:1" })
	void acceptsTypeColonId(String key) {
		assertThat(TopicKeys.isTopicKey(key)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "thread", "thread:", ":9", "Thread:9", "thread:9 ", "thread:a/b", "thread:a:b",
			"1thread:9", "thread:é", "a_very_long_type_name_of_33_chars:1" })
	void refusesAnythingElse(String key) {
		assertThat(TopicKeys.isTopicKey(key)).isFalse();
	}

	@Test
	void limitsTheIdTo128Characters() {
		assertThat(TopicKeys.isTopicKey("thread:" + "9".repeat(128))).isTrue();
		assertThat(TopicKeys.isTopicKey("thread:" + "9".repeat(129))).isFalse();
		assertThat(TopicKeys.isTopicKey(null)).isFalse();
	}

	@Test
	void letsEveryKindButUserDeletedNameATopic() {
		for (EventKind kind : EventKind.values()) {
			assertThat(TopicKeys.allowsTopic(kind)).as(kind.name()).isEqualTo(kind != EventKind.USER_DELETED);
		}
	}

}
