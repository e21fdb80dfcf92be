package dev.herald.e2e;

import java.util.ArrayList;
import java.util.List;

import dev.herald.devstack.HeraldServices;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's inbox as the store's REST API shows it to them. */
record Inbox(String userId) {

	static Inbox of(String userId) {
		return new Inbox(userId);
	}

	/** Every notification, newest first, through all pages. */
	List<JsonNode> items() {
		List<JsonNode> items = new ArrayList<>();
		String cursor = null;
		do {
			Api.Response page = api()
				.get("/v1/notifications?limit=100" + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.json().path("items").forEach(items::add);
			JsonNode next = page.json().path("nextCursor");
			cursor = (next.isNull() || next.isMissingNode()) ? null : next.asString();
		}
		while (cursor != null);
		return items;
	}

	List<String> ids() {
		return items().stream().map((item) -> item.path("id").asString()).toList();
	}

	/** The artwork ids the notifications are about, one per notification. */
	List<String> contentIds() {
		return items().stream().map((item) -> item.at("/content/id").asString()).toList();
	}

	int unreadCount() {
		return api().get("/v1/notifications/unread-count").json().path("unreadCount").asInt();
	}

	private Api api() {
		return new Api(HeraldServices.STORE_PORT, Herald.tokens.user(this.userId));
	}

}
