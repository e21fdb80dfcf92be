package dev.herald.e2e;

import org.junit.jupiter.api.Tag;

/**
 * The reconnect storm at benchmark size: 5,000 clients unless
 * {@code -Dherald.storm.clients} says otherwise.
 */
@Tag("benchmark")
class ReconnectStormBenchmark extends ReconnectStormEndToEndTests {

	@Override
	int clients() {
		return Integer.getInteger("herald.storm.clients", 5000);
	}

}
