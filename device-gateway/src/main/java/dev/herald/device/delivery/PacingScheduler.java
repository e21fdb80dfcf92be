package dev.herald.device.delivery;

import java.time.Clock;
import java.time.Instant;

import dev.herald.device.DeviceProperties;
import dev.herald.device.mqtt.BrokerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases what waits for players once their interval is over and their quiet hours have
 * passed, one transaction per player. Time comes from the injected {@link Clock}.
 */
@Component
class PacingScheduler {

	private static final Logger log = LoggerFactory.getLogger(PacingScheduler.class);

	private final PacingRepository pacing;

	private final Pacer pacer;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batch;

	PacingScheduler(PacingRepository pacing, Pacer pacer, TransactionTemplate transactions, Clock clock,
			DeviceProperties properties) {
		this.pacing = pacing;
		this.pacer = pacer;
		this.transactions = transactions;
		this.clock = clock;
		this.batch = properties.releaseBatch();
	}

	@Scheduled(fixedDelayString = "${herald.device.pacing-tick:1s}")
	void releaseDue() {
		Instant now = this.clock.instant();
		for (String playerKey : this.pacing.due(now, this.batch)) {
			try {
				this.transactions.executeWithoutResult((status) -> this.pacer.release(playerKey, now));
			}
			catch (BrokerUnavailableException ex) {
				log.warn("Releasing waiting messages paused: {}", ex.getMessage());
				return;
			}
		}
	}

}
