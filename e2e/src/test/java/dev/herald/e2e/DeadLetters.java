package dev.herald.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.herald.schema.topic.Topics;
import dev.herald.testinfra.KafkaBroker;
import dev.herald.testinfra.RecordCollector;

/** Everything that lands in any dead-letter topic while it is open. */
final class DeadLetters implements AutoCloseable {

	private final List<RecordCollector<byte[], byte[]>> collectors;

	private DeadLetters(KafkaBroker kafka) {
		this.collectors = Topics.ALL.stream().map((topic) -> kafka.collect(topic.deadLetter())).toList();
	}

	static DeadLetters watch(KafkaBroker kafka) {
		return new DeadLetters(kafka);
	}

	/** Dead letters as {@code topic: key}, except poison records sent on purpose. */
	List<String> unexpected() {
		return this.collectors.stream()
			.flatMap((collector) -> collector.records().stream())
			.map((record) -> record.topic() + ": "
					+ ((record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : "null"))
			.filter((letter) -> !letter.contains(": " + FaultEndToEndTests.POISON_PREFIX))
			.toList();
	}

	@Override
	public void close() {
		this.collectors.forEach(RecordCollector::close);
	}

}
