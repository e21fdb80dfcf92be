package dev.herald.digest.emaillog;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/email-log}: what was mailed to whom, and how it went (scope
 * {@code notifications:admin}).
 */
@RestController
@RequestMapping("/v1/admin/email-log")
class EmailLogController {

	private final EmailLogQuery query;

	EmailLogController(EmailLogQuery query) {
		this.query = query;
	}

	@GetMapping
	EmailLogPage list(@RequestParam(required = false) String userId, @RequestParam(required = false) String status,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
			@RequestParam(required = false) String cursor) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw new InvalidFilterException("to", "must be after from");
		}
		DeliveryStatus wanted = (status != null) ? DeliveryStatus.parse(status)
			.orElseThrow(
					() -> new InvalidFilterException("status", "must be one of queued, sending, sent, failed, unknown"))
				: null;
		EmailLogFilter.Position after = (cursor != null) ? EmailLogFilter.Position.decode(cursor) : null;
		return this.query.find(new EmailLogFilter(userId, wanted, from, to, limit, after));
	}

}
