package dev.herald.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.herald.schema.Actor;
import dev.herald.schema.CommentRef;
import dev.herald.schema.ContentRef;
import dev.herald.schema.EventKind;
import dev.herald.schema.MessageText;
import dev.herald.schema.SocialEvent;

/**
 * Builders of the social events the tests send.
 */
public final class Events {

	private Events() {
	}

	public static SocialEvent reaction(String recipient, String actorId, String contentId, String emoji) {
		return base(EventKind.REACTION_ADDED, recipient).setActor(actor(actorId))
			.setContent(artwork(contentId))
			.setReaction(emoji)
			.build();
	}

	public static SocialEvent reactionRemoved(String recipient, String actorId, String contentId) {
		return base(EventKind.REACTION_REMOVED, recipient).setActor(actor(actorId))
			.setContent(artwork(contentId))
			.setReaction("❤")
			.build();
	}

	public static SocialEvent comment(String recipient, String actorId, String contentId, String preview) {
		return base(EventKind.COMMENT_ADDED, recipient).setActor(actor(actorId))
			.setContent(artwork(contentId))
			.setComment(new CommentRef(UUID.randomUUID().toString(), preview))
			.build();
	}

	public static SocialEvent follow(String recipient, String actorId) {
		return base(EventKind.FOLLOW, recipient).setActor(actor(actorId)).build();
	}

	public static SocialEvent moderation(String recipient, boolean critical) {
		return base(EventKind.MODERATION_ACTION, recipient)
			.setMessage(new MessageText("Artwork hidden", "Your artwork breaks rule 3"))
			.setCritical(critical)
			.build();
	}

	public static SocialEvent contentDeleted(String recipient, String contentId) {
		return base(EventKind.CONTENT_DELETED, recipient).setContent(artwork(contentId)).build();
	}

	public static SocialEvent userDeleted(String userId) {
		return base(EventKind.USER_DELETED, userId).build();
	}

	public static SocialEvent.Builder base(EventKind kind, String recipient) {
		return SocialEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setKind(kind)
			.setOccurredAt(Instant.now())
			.setRecipientId(recipient)
			.setAttributes(Map.of());
	}

	public static Actor actor(String actorId) {
		return new Actor(actorId, handle(actorId), "https://img.example/" + actorId + ".png");
	}

	/** The handle tests give an actor id: the part before the first dash. */
	public static String handle(String actorId) {
		int dash = actorId.indexOf('-');
		return (dash > 0) ? actorId.substring(0, dash) : actorId;
	}

	public static ContentRef artwork(String contentId) {
		return new ContentRef("artwork", contentId, "Sunset " + contentId, "https://art.example/" + contentId, null);
	}

}
