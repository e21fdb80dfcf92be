package dev.herald.store.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.herald.schema.Actor;
import dev.herald.schema.ContentRef;
import dev.herald.schema.MessageText;
import dev.herald.schema.Notification;
import dev.herald.schema.NotificationType;
import dev.herald.schema.SocialEvent;
import dev.herald.schema.text.NotificationTexts;

/**
 * One row of {@code notifications}.
 *
 * @param id the notification id
 * @param userId whose notification it is
 * @param type what it is about
 * @param critical whether it bypassed muting
 * @param content the content it is about, or null
 * @param actors the latest actors, newest first (up to {@link #KEPT_ACTORS}, so that
 * others take the place of one who retracts; the first {@link #SHOWN_ACTORS} are shown);
 * an anonymous actor has no id
 * @param actorIds every distinct known actor id of an aggregate
 * @param actorCount how many actors it stands for
 * @param reaction the latest reaction emoji, or null
 * @param commentPreview the latest comment preview, or null
 * @param message the text of announcements and moderation notices, or null
 * @param commentId the latest comment's id, or null
 * @param actionUrl the URL the latest event gave it to open, or null
 * @param attributes the latest event's attributes
 * @param aggregateKey the key later reactions or comments join it by, or null
 * @param read whether the user read it
 * @param seen whether the user saw it in a list (reading implies seeing)
 * @param archived whether the user archived it (archived ones count neither as unread nor
 * as unseen)
 * @param createdAt when it was stored
 * @param updatedAt when it last changed
 */
public record StoredNotification(UUID id, String userId, NotificationType type, boolean critical, ContentRef content,
		List<Actor> actors, List<String> actorIds, int actorCount, String reaction, String commentPreview,
		MessageText message, String commentId, String actionUrl, Map<String, String> attributes, String aggregateKey,
		boolean read, boolean seen, boolean archived, Instant createdAt, Instant updatedAt) {

	/** Actors shown on a notification. */
	public static final int SHOWN_ACTORS = 3;

	/** Actors kept on a notification, newest first. */
	public static final int KEPT_ACTORS = 10;

	/** A new unread notification of {@code type} for the event's recipient. */
	public static StoredNotification of(NotificationType type, SocialEvent event, String aggregateKey) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Actor actor = event.getActor();
		List<Actor> actors = (actor != null) ? List.of(actor) : List.of();
		List<String> actorIds = (actor != null && actor.getId() != null) ? List.of(actor.getId()) : List.of();
		String preview = (event.getComment() != null) ? event.getComment().getPreview() : null;
		String commentId = (event.getComment() != null) ? event.getComment().getId() : null;
		return new StoredNotification(TimeOrderedIds.next(now), event.getRecipientId(), type, event.getCritical(),
				event.getContent(), actors, actorIds, actors.size(), event.getReaction(), preview, event.getMessage(),
				commentId, event.getActionUrl(), Map.copyOf(event.getAttributes()), aggregateKey, false, false, false,
				now, now);
	}

	/**
	 * This aggregate after the event's actor reacted or commented again: the event's
	 * reaction, comment and link (when it gives them) and its attributes become the
	 * notification's, and it is unseen again (it is unread, or it would not be open).
	 */
	public StoredNotification joinedBy(SocialEvent event) {
		Actor actor = event.getActor();
		String newReaction = event.getReaction();
		String newPreview = (event.getComment() != null) ? event.getComment().getPreview() : null;
		String newCommentId = (event.getComment() != null) ? event.getComment().getId() : null;
		boolean known = actor.getId() != null && this.actorIds.contains(actor.getId());
		List<Actor> shown = new ArrayList<>(KEPT_ACTORS);
		shown.add(actor);
		this.actors.stream()
			.filter((a) -> a.getId() == null || !a.getId().equals(actor.getId()))
			.limit(KEPT_ACTORS - 1)
			.forEach(shown::add);
		List<String> ids = new ArrayList<>(this.actorIds);
		if (!known && actor.getId() != null) {
			ids.add(actor.getId());
		}
		return new StoredNotification(this.id, this.userId, this.type, this.critical, this.content, shown, ids,
				known ? this.actorCount : this.actorCount + 1, (newReaction != null) ? newReaction : this.reaction,
				(newPreview != null) ? newPreview : this.commentPreview, this.message,
				(newCommentId != null) ? newCommentId : this.commentId,
				(event.getActionUrl() != null) ? event.getActionUrl() : this.actionUrl,
				Map.copyOf(event.getAttributes()), this.aggregateKey, this.read, false, this.archived, this.createdAt,
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/** This notification showing {@code actorId} as the deleted user. */
	public StoredNotification withActorErased(String actorId) {
		List<Actor> shown = this.actors.stream()
			.map((a) -> actorId.equals(a.getId()) ? new Actor(null, NotificationTexts.DELETED_USER_HANDLE, null) : a)
			.toList();
		List<String> ids = this.actorIds.stream().filter((id) -> !id.equals(actorId)).toList();
		return new StoredNotification(this.id, this.userId, this.type, this.critical, this.content, shown, ids,
				this.actorCount, this.reaction, this.commentPreview, this.message, this.commentId, this.actionUrl,
				this.attributes, this.aggregateKey, this.read, this.seen, this.archived, this.createdAt,
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/** Whether {@code actorId} is one of the actors of this notification. */
	public boolean isBy(String actorId) {
		return this.actorIds.contains(actorId);
	}

	/**
	 * How many of the actors this notification counts have no id: anonymous ones, and
	 * erased users shown as the deleted user.
	 */
	public int unnamedActors() {
		return this.actorCount - this.actorIds.size();
	}

	/**
	 * This notification without {@code actorId} (who took a reaction back); an actor
	 * count of 0 means no one is left.
	 */
	public StoredNotification withoutActor(String actorId) {
		List<Actor> kept = this.actors.stream().filter((a) -> !actorId.equals(a.getId())).toList();
		List<String> ids = this.actorIds.stream().filter((id) -> !id.equals(actorId)).toList();
		return without(kept, ids);
	}

	/**
	 * This notification without one anonymous actor (the newest), when it counts one; an
	 * actor count of 0 means no one is left.
	 */
	public StoredNotification withoutAnonymousActor() {
		List<Actor> kept = new ArrayList<>(this.actors);
		kept.stream()
			.filter((a) -> a.getId() == null && !NotificationTexts.DELETED_USER_HANDLE.equals(a.getHandle()))
			.findFirst()
			.or(() -> kept.stream().filter((a) -> a.getId() == null).findFirst())
			.ifPresent(kept::remove);
		return without(kept, this.actorIds);
	}

	private StoredNotification without(List<Actor> kept, List<String> ids) {
		int left = Math.max(0, this.actorCount - 1);
		return new StoredNotification(this.id, this.userId, this.type, this.critical, this.content, kept, ids, left,
				this.reaction, this.commentPreview, this.message, this.commentId, this.actionUrl, this.attributes,
				this.aggregateKey, this.read, this.seen, this.archived, this.createdAt,
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/** What this notification counts in the user's unread and unseen counts. */
	public Ledger.Counts counts() {
		return Ledger.Counts.of(this.read, this.seen, this.archived);
	}

	/** The Avro form carried by changes, with its template key and params. */
	public Notification toAvro() {
		Template template = Template.of(this);
		return Notification.newBuilder()
			.setId(this.id.toString())
			.setType(this.type)
			.setContent(this.content)
			.setActors(this.actors.subList(0, Math.min(SHOWN_ACTORS, this.actors.size())))
			.setActorCount(this.actorCount)
			.setReaction(this.reaction)
			.setCommentPreview(this.commentPreview)
			.setMessage(this.message)
			.setTemplateKey(template.key())
			.setParams(template.params())
			.setCreatedAt(this.createdAt)
			.setUpdatedAt(this.updatedAt)
			.setRead(this.read)
			.setCritical(this.critical)
			.setSeen(this.seen)
			.setArchived(this.archived)
			.setCommentId(this.commentId)
			.setActionUrl(this.actionUrl)
			.setAttributes(this.attributes)
			.build();
	}

	/** The key aggregated notifications of {@code type} on {@code content} share. */
	public static String aggregateKey(NotificationType type, ContentRef content) {
		Objects.requireNonNull(content, "content");
		return type + ":" + content.getType() + ":" + content.getId();
	}

}
