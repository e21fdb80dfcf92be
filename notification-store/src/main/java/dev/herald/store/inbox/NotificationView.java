package dev.herald.store.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.herald.schema.Actor;
import dev.herald.schema.ContentRef;
import dev.herald.schema.MessageText;
import dev.herald.schema.Notification;
import dev.herald.schema.text.NotificationTexts;

/**
 * A notification as JSON, in REST pages and change-feed frames alike.
 *
 * @param id the id
 * @param type the notification type
 * @param content the content it is about, or null
 * @param actors the last three actors, newest first
 * @param actorCount how many actors it stands for
 * @param reaction the reaction emoji, or null
 * @param commentPreview the comment preview, or null
 * @param message the announcement or moderation text, or null
 * @param templateKey the text template
 * @param params the template's values
 * @param text the rendered line in the reader's language
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param read whether it was read
 * @param critical whether it bypassed muting
 * @param seen whether it was seen
 * @param archived whether it was archived
 * @param commentId the latest comment's id, or null
 * @param actionUrl the URL it opens, or null (then the content's)
 * @param attributes the latest event's attributes
 */
record NotificationView(String id, String type, ContentView content, List<ActorView> actors, int actorCount,
		String reaction, String commentPreview, MessageView message, String templateKey, Map<String, String> params,
		String text, Instant createdAt, Instant updatedAt, boolean read, boolean critical, boolean seen,
		boolean archived, String commentId, String actionUrl, Map<String, String> attributes) {

	static NotificationView of(Notification n, Locale locale) {
		return new NotificationView(n.getId(), n.getType().name(), ContentView.of(n.getContent()),
				n.getActors().stream().map(ActorView::of).toList(), n.getActorCount(), n.getReaction(),
				n.getCommentPreview(), MessageView.of(n.getMessage()), n.getTemplateKey(), n.getParams(),
				NotificationTexts.render(n.getTemplateKey(), n.getParams(), locale), n.getCreatedAt(), n.getUpdatedAt(),
				n.getRead(), n.getCritical(), n.getSeen(), n.getArchived(), n.getCommentId(), n.getActionUrl(),
				n.getAttributes());
	}

	record ContentView(String type, String id, String title, String url, String thumbnailUrl) {

		static ContentView of(ContentRef content) {
			return (content != null) ? new ContentView(content.getType(), content.getId(), content.getTitle(),
					content.getUrl(), content.getThumbnailUrl()) : null;
		}

	}

	record ActorView(String id, String handle, String avatarUrl) {

		static ActorView of(Actor actor) {
			return new ActorView(actor.getId(), actor.getHandle(), actor.getAvatarUrl());
		}

	}

	record MessageView(String title, String body) {

		static MessageView of(MessageText message) {
			return (message != null) ? new MessageView(message.getTitle(), message.getBody()) : null;
		}

	}

}
