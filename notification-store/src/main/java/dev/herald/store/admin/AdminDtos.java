package dev.herald.store.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Response bodies of the admin API.
 */
final class AdminDtos {

	private AdminDtos() {
	}

	/**
	 * The store's figures.
	 *
	 * @param days notifications created and read per UTC day and type, oldest first
	 * @param unread unread notifications now
	 * @param dropped events that made no notification in the period, by reason
	 * @param deadLetters records in each dead-letter topic
	 * @param deadLettersNotRedriven of those, the records not re-driven yet
	 */
	record Stats(List<DayStats> days, Unread unread, Map<String, Long> dropped, Map<String, Long> deadLetters,
			Map<String, Long> deadLettersNotRedriven) {

	}

	/**
	 * One day and type.
	 *
	 * @param day the UTC day
	 * @param type the notification type
	 * @param created notifications created that day (still stored)
	 * @param read notifications last marked read that day
	 */
	record DayStats(LocalDate day, String type, long created, long read) {

	}

	/**
	 * Unread notifications from the ledger.
	 *
	 * @param total the sum of every user's unread count
	 * @param users users with at least one unread notification
	 */
	record Unread(long total, long users) {

	}

	/**
	 * An accepted erasure.
	 *
	 * @param userId the erased user
	 * @param eventId the {@code USER_DELETED} event the pipeline applies
	 */
	record Erasure(String userId, String eventId) {

	}

}
