package dev.herald.device.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a player receives on {@code .../notification}: one notification
 * ({@code type=notification}) or a summary of folded ones ({@code type=summary},
 * {@code count} of them). Players dedupe by {@code id}.
 *
 * @param type {@code notification} or {@code summary}
 * @param id the notification id, or the summary's own id
 * @param text one short line in the user's language
 * @param reaction the reaction emoji, if any
 * @param actor the newest actor's handle, if any
 * @param title the content or message title, if any
 * @param url the absolute http(s) URL the notification opens (its action URL, else its
 * content's URL), if any
 * @param commentId the latest comment's id for comments, replies and mentions, if any
 * @param count how many notifications a summary stands for
 * @param unreadCount the user's unread count
 * @param critical whether it bypassed quiet hours and pacing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeviceMessage(String type, String id, String text, String reaction, String actor, String title, String url,
		String commentId, Integer count, int unreadCount, boolean critical) {

	static final String NOTIFICATION = "notification";

	static final String SUMMARY = "summary";

	DeviceMessage withUnreadCount(int unread) {
		return new DeviceMessage(this.type, this.id, this.text, this.reaction, this.actor, this.title, this.url,
				this.commentId, this.count, unread, this.critical);
	}

}
