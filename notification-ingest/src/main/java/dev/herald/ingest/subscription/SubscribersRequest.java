package dev.herald.ingest.subscription;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The users to subscribe or unsubscribe.
 *
 * @param userIds 1 to 1,000 user ids; repeating one changes nothing
 */
record SubscribersRequest(@ArraySchema(minItems = 1, maxItems = SubscriberService.MAX_USERS,
		schema = @Schema(example = "user-1")) List<String> userIds) {

}
