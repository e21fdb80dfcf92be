package dev.herald.store.admin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.herald.store.admin.AdminDtos.Erasure;
import dev.herald.store.admin.AdminDtos.Stats;
import dev.herald.store.pipeline.DropCounts;
import dev.herald.store.retention.RetentionJob;
import dev.herald.support.web.Identifiers;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin}: statistics, retention and erasure (scope
 * {@code notifications:admin}).
 */
@RestController
@RequestMapping("/v1/admin")
class AdminController {

	private final StatsQueries stats;

	private final DropCounts drops;

	private final DeadLetterCounts deadLetters;

	private final RetentionJob retention;

	private final UserErasure erasure;

	AdminController(StatsQueries stats, DropCounts drops, DeadLetterCounts deadLetters, RetentionJob retention,
			UserErasure erasure) {
		this.stats = stats;
		this.drops = drops;
		this.deadLetters = deadLetters;
		this.retention = retention;
		this.erasure = erasure;
	}

	/** Figures for the last {@code days} UTC days, today included. */
	@GetMapping("/stats")
	@ApiResponse(responseCode = "503",
			description = "Kafka did not answer with the dead-letter counts in time; retry later")
	Stats stats(@RequestParam(defaultValue = "7") @Min(1) @Max(90) int days) {
		LocalDate since = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
		Map<String, long[]> deadLetters = this.deadLetters.counts();
		return new Stats(this.stats.days(since), this.stats.unread(), this.drops.since(since), column(deadLetters, 0),
				column(deadLetters, 1));
	}

	private static Map<String, Long> column(Map<String, long[]> counts, int index) {
		Map<String, Long> column = new LinkedHashMap<>();
		counts.forEach((topic, values) -> column.put(topic, values[index]));
		return column;
	}

	@PostMapping("/retention/run")
	RetentionJob.Result runRetention() {
		return this.retention.runOnce();
	}

	/**
	 * The id follows the rule ingest's erasure and events follow ({@link Identifiers}).
	 */
	@DeleteMapping("/users/{id}")
	@ApiResponse(responseCode = "503",
			description = "Kafka did not answer in time; nothing is erased, retry later (erasure is idempotent)")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Erasure erase(@PathVariable String id) {
		return this.erasure.erase(Identifiers.require("id", id));
	}

}
