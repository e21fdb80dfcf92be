package dev.herald.webpush.delivery;

/**
 * What a push service did with one message.
 */
enum PushOutcome {

	/** Accepted (201 Created, or 200/202). */
	SENT,

	/** 404 or 410: the subscription expired or was revoked; it is deleted. */
	GONE,

	/**
	 * Another 4xx (400, 401, 403, 413...): this message can never go to this subscription
	 * as it is; logged and counted, not retried.
	 */
	REJECTED

}
