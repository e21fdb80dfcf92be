package dev.herald.store.preferences;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.herald.schema.Channel;
import dev.herald.schema.ContentRef;
import dev.herald.schema.DigestFrequency;
import dev.herald.schema.NotificationType;
import dev.herald.schema.TypeChannels;

/**
 * A user's effective preferences.
 *
 * @param userId whose they are
 * @param types channel switches of the types the user changed; others use the defaults
 * @param digestFrequency how often e-mail digests go out ({@code OFF} by default)
 * @param locale BCP 47 tag of the user's language
 * @param mutedActors actor ids whose events are dropped
 * @param mutedContent content keys ({@code type:id}) whose events are dropped
 * @param aggregation whether reactions and comments on one content are aggregated
 */
public record Preferences(String userId, Map<NotificationType, TypeChannels> types, DigestFrequency digestFrequency,
		String locale, Set<String> mutedActors, Set<String> mutedContent, boolean aggregation) {

	/** The preferences of a user who never saved any. */
	public static Preferences defaults(String userId) {
		return new Preferences(userId, Map.of(), DigestFrequency.OFF, "en", Set.of(), Set.of(), true);
	}

	public static TypeChannels defaultChannels(NotificationType type) {
		return new TypeChannels(type, true, true, true);
	}

	public TypeChannels channelsOf(NotificationType type) {
		return this.types.getOrDefault(type, defaultChannels(type));
	}

	public boolean inApp(NotificationType type) {
		return channelsOf(type).getInApp();
	}

	/**
	 * Where a new or grown notification goes besides the inbox. Critical ones ignore the
	 * per-type switches.
	 */
	public List<Channel> deliveryChannels(NotificationType type, boolean critical) {
		TypeChannels channels = critical ? defaultChannels(type) : channelsOf(type);
		List<Channel> result = new ArrayList<>(2);
		if (channels.getDevice()) {
			result.add(Channel.DEVICE);
		}
		if (channels.getEmail() && this.digestFrequency != DigestFrequency.OFF) {
			result.add(Channel.EMAIL);
		}
		return result;
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

}
