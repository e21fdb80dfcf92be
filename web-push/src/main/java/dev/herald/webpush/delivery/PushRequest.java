package dev.herald.webpush.delivery;

import com.interaso.webpush.WebPush;

/**
 * What goes to every subscription of a user for one change.
 *
 * @param payload the JSON of the {@link PushMessage}, before encryption
 * @param ttlSeconds how long the push service keeps it for an offline browser
 * @param topic RFC 8030 topic: a later message with the same topic replaces one still
 * waiting at the push service (a grown aggregate, or the same change sent again)
 * @param urgency RFC 8030 urgency
 */
record PushRequest(byte[] payload, int ttlSeconds, String topic, WebPush.Urgency urgency) {

}
