package dev.herald.digest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.herald.schema.DigestFrequency;
import dev.herald.support.config.PositiveDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the e-mail digest service ({@code herald.digest.*}).
 *
 * @param inboxUrl where the "open your inbox" button leads ({@code HERALD_INBOX_URL})
 * @param publicStoreUrl the store as browsers reach it, for unsubscribe links
 * ({@code HERALD_PUBLIC_STORE_URL})
 * @param unsubscribeSecret HMAC secret of unsubscribe tokens, shared with the store
 * ({@code HERALD_UNSUBSCRIBE_SECRET})
 * @param unsubscribeMailto the mailto address of the {@code List-Unsubscribe} header
 * @param from the sender of every e-mail
 * @param messageIdDomain right-hand side of the Message-IDs derived from digest ids
 * @param topItems how many notifications a digest lists before "and N more"
 * @param scheduler when and how the scheduler runs
 * @param defaults the digest schedule of users whose preferences are not known
 * @param clockOffset how far the service's clock runs ahead of the system clock: zero in
 * production; the dev stack and end-to-end tests move it to reach the next hourly or
 * daily slot without waiting for it ({@code HERALD_DIGEST_CLOCK_OFFSET})
 */
@Validated
@ConfigurationProperties("herald.digest")
public record DigestProperties(@DefaultValue("http://localhost:8080/") @NotNull URI inboxUrl,
		@DefaultValue("http://localhost:8082") @NotNull URI publicStoreUrl,
		@DefaultValue("herald-dev-unsubscribe-secret-0123456789abcdef") @NotBlank @Size(
				min = 32) String unsubscribeSecret,
		@DefaultValue("unsubscribe@herald.local") @NotBlank String unsubscribeMailto,
		@DefaultValue("Herald <no-reply@herald.local>") @NotBlank String from,
		@DefaultValue("herald.local") @NotBlank String messageIdDomain, @DefaultValue("5") @Min(1) int topItems,
		@DefaultValue @Valid Scheduler scheduler, @DefaultValue @Valid Defaults defaults,
		@DefaultValue("0s") @NotNull Duration clockOffset) {

	public byte[] unsubscribeSecretBytes() {
		return this.unsubscribeSecret.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * @param interval pause between two scheduler runs
	 * @param immediateDelay how long an IMMEDIATE user's first pending item waits, so
	 * that a burst becomes one e-mail
	 * @param batchSize e-mails claimed per run at most
	 * @param staleAfter age of a queued or sending log row after which its instance is
	 * presumed dead; longer than a whole SMTP retry cycle
	 * @param requeueAfter when items of a digest whose SMTP retries ran out are tried
	 * again
	 * @param pendingRetention pending items older than this are dropped
	 * @param logRetention finished e-mail log rows older than this are deleted
	 */
	public record Scheduler(@DefaultValue("30s") @PositiveDuration Duration interval,
			@DefaultValue("2m") @PositiveDuration Duration immediateDelay, @DefaultValue("50") @Min(1) int batchSize,
			@DefaultValue("10m") @PositiveDuration Duration staleAfter,
			@DefaultValue("15m") @PositiveDuration Duration requeueAfter,
			@DefaultValue("30d") @PositiveDuration Duration pendingRetention,
			@DefaultValue("90d") @PositiveDuration Duration logRetention) {
	}

	/**
	 * @param frequency digest frequency
	 * @param sendHour local hour of DAILY and WEEKLY digests
	 * @param weekday ISO day of WEEKLY digests (1 = Monday)
	 * @param minimumUnread pending items needed for a digest
	 */
	public record Defaults(@DefaultValue("DAILY") @NotNull DigestFrequency frequency,
			@DefaultValue("9") @Min(0) @Max(23) int sendHour, @DefaultValue("1") @Min(1) @Max(7) int weekday,
			@DefaultValue("1") @Min(0) int minimumUnread) {
	}

}
