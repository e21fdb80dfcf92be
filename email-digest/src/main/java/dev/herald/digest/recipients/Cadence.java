package dev.herald.digest.recipients;

import dev.herald.schema.DigestFrequency;

/**
 * How often a user wants digests.
 *
 * @param frequency OFF, IMMEDIATE, HOURLY, DAILY or WEEKLY
 * @param sendHour local hour (0-23) of DAILY and WEEKLY digests
 * @param weekday ISO day (1 = Monday) of WEEKLY digests
 * @param minimumUnread pending notifications needed before a digest is sent
 */
public record Cadence(DigestFrequency frequency, int sendHour, int weekday, int minimumUnread) {

}
