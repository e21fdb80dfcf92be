package dev.herald.store.preferences;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.herald.schema.Channel;
import dev.herald.schema.ContentRef;
import dev.herald.schema.DigestFrequency;
import dev.herald.schema.DigestSchedule;
import dev.herald.schema.NotificationType;
import dev.herald.schema.TypeChannels;
import dev.herald.schema.UserPreferences;

/**
 * A user's effective preferences.
 *
 * @param userId whose they are
 * @param types channel switches of the types that differ from the defaults (all on but
 * Web Push)
 * @param digest the e-mail digest schedule ({@code OFF} by default)
 * @param quietHours when devices stay dark, or {@code null}
 * @param timeZone IANA id the digest hour and quiet hours are reckoned in
 * @param locale BCP 47 tag of the user's language
 * @param mutedActors actor ids whose events are dropped, in the order given
 * @param mutedContent content keys ({@code type:id}) whose events are dropped
 * @param aggregation whether reactions and comments on one content are aggregated
 * @param updatedAt when they were last saved, or {@code null} for the defaults
 */
public record Preferences(String userId, Map<NotificationType, Channels> types, Digest digest, QuietHours quietHours,
		String timeZone, String locale, Set<String> mutedActors, Set<String> mutedContent, boolean aggregation,
		Instant updatedAt) {

	/** The schedule of a user who never chose one: no digests, 09:00 on Mondays. */
	public static final Digest DEFAULT_DIGEST = new Digest(DigestFrequency.OFF, 9, 1, 1);

	public Preferences {
		Map<NotificationType, Channels> changed = new EnumMap<>(NotificationType.class);
		types.forEach((type, channels) -> {
			if (!Channels.DEFAULTS.equals(channels)) {
				changed.put(type, channels);
			}
		});
		types = Collections.unmodifiableMap(changed);
		mutedActors = Collections.unmodifiableSet(new LinkedHashSet<>(mutedActors));
		mutedContent = Collections.unmodifiableSet(new LinkedHashSet<>(mutedContent));
	}

	/** The preferences of a user who never saved any. */
	public static Preferences defaults(String userId) {
		return new Preferences(userId, Map.of(), DEFAULT_DIGEST, null, "UTC", "en", Set.of(), Set.of(), true, null);
	}

	public Channels channelsOf(NotificationType type) {
		return this.types.getOrDefault(type, Channels.DEFAULTS);
	}

	public boolean inApp(NotificationType type) {
		return channelsOf(type).inApp();
	}

	/**
	 * Where a new or grown notification goes besides the inbox. Critical ones ignore the
	 * per-type switches and the digest frequency: they go to devices and are mailed on
	 * their own.
	 */
	public List<Channel> deliveryChannels(NotificationType type, boolean critical) {
		if (critical) {
			return List.of(Channel.DEVICE, Channel.EMAIL);
		}
		Channels channels = channelsOf(type);
		List<Channel> result = new ArrayList<>(2);
		if (channels.device()) {
			result.add(Channel.DEVICE);
		}
		if (channels.email() && this.digest.frequency() != DigestFrequency.OFF) {
			result.add(Channel.EMAIL);
		}
		return result;
	}

	/**
	 * Whether a new or grown notification also goes to the user's Web Push subscriptions
	 * (the WEB_PUSH channel, carried by {@code NotificationChange.webPush}): the rule of
	 * {@link #deliveryChannels}, critical ones always, the others where the user switched
	 * it on for their type (off by default: a push reaches the user even with every tab
	 * closed, so it is opt-in).
	 */
	public boolean webPush(NotificationType type, boolean critical) {
		return critical || channelsOf(type).webPush();
	}

	public boolean mutesActor(String actorId) {
		return actorId != null && this.mutedActors.contains(actorId);
	}

	public boolean mutesContent(ContentRef content) {
		return content != null && this.mutedContent.contains(contentKey(content));
	}

	/** The key muted content is listed by: {@code type:id}, e.g. {@code artwork:42}. */
	public static String contentKey(ContentRef content) {
		return content.getType() + ":" + content.getId();
	}

	Preferences withTypes(Map<NotificationType, Channels> changed) {
		return new Preferences(this.userId, changed, this.digest, this.quietHours, this.timeZone, this.locale,
				this.mutedActors, this.mutedContent, this.aggregation, this.updatedAt);
	}

	Preferences withDigest(Digest changed) {
		return new Preferences(this.userId, this.types, changed, this.quietHours, this.timeZone, this.locale,
				this.mutedActors, this.mutedContent, this.aggregation, this.updatedAt);
	}

	Preferences withUpdatedAt(Instant changed) {
		return new Preferences(this.userId, this.types, this.digest, this.quietHours, this.timeZone, this.locale,
				this.mutedActors, this.mutedContent, this.aggregation, changed);
	}

	/** The record published to {@code user-preferences.v1}: every type, all fields. */
	UserPreferences toAvro() {
		List<TypeChannels> channels = new ArrayList<>();
		for (NotificationType type : NotificationType.values()) {
			Channels of = channelsOf(type);
			channels.add(new TypeChannels(type, of.inApp(), of.device(), of.email()));
		}
		return UserPreferences.newBuilder()
			.setUserId(this.userId)
			.setTypes(channels)
			.setDigest(new DigestSchedule(this.digest.frequency(), this.digest.sendHour(), this.digest.weekday(),
					this.digest.minimumUnread()))
			.setQuietHours((this.quietHours != null)
					? new dev.herald.schema.QuietHours(this.quietHours.start(), this.quietHours.end()) : null)
			.setTimeZone(this.timeZone)
			.setLocale(this.locale)
			.setMutedActors(List.copyOf(this.mutedActors))
			.setMutedContent(List.copyOf(this.mutedContent))
			.setAggregation(this.aggregation)
			.setUpdatedAt(this.updatedAt)
			.build();
	}

	/**
	 * The channel switches of one notification type.
	 *
	 * @param inApp whether it reaches the inbox (and so any channel)
	 * @param device whether it goes to the user's players
	 * @param email whether it goes into e-mail digests
	 * @param webPush whether it goes to the user's browsers' push subscriptions
	 */
	public record Channels(boolean inApp, boolean device, boolean email, boolean webPush) {

		/** The default of every type: Web Push is opt-in, everything else on. */
		public static final Channels DEFAULTS = new Channels(true, true, true, false);

	}

	/**
	 * The e-mail digest schedule.
	 *
	 * @param frequency how often digests go out; {@code OFF} sends none
	 * @param sendHour local hour (0-23) of daily and weekly digests
	 * @param weekday ISO day (1 = Monday) of weekly digests
	 * @param minimumUnread unread notifications needed before a digest goes out
	 */
	public record Digest(DigestFrequency frequency, int sendHour, int weekday, int minimumUnread) {

		Digest withFrequency(DigestFrequency changed) {
			return new Digest(changed, this.sendHour, this.weekday, this.minimumUnread);
		}

	}

	/**
	 * A daily window in local time during which devices stay dark; may span midnight.
	 *
	 * @param start first quiet minute
	 * @param end first minute after the window
	 */
	public record QuietHours(LocalTime start, LocalTime end) {

	}

}
