package dev.herald.push.protocol;

import tools.jackson.databind.node.JsonNodeFactory;

/** The gateway's own frames (not changes). */
public final class Frames {

	public static final String PONG = "{\"type\":\"pong\"}";

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private Frames() {
	}

	public static String hello(long seq, int unreadCount, int unseenCount) {
		return JSON.objectNode()
			.put("type", "hello")
			.put("seq", seq)
			.put("unreadCount", unreadCount)
			.put("unseenCount", unseenCount)
			.toString();
	}

	/** History is gone: the client reloads its state; live changes continue after seq. */
	public static String resync(long seq) {
		return JSON.objectNode().put("type", "resync").put("seq", seq).toString();
	}

	public static String error(String code, String message) {
		return JSON.objectNode().put("type", "error").put("code", code).put("message", message).toString();
	}

}
