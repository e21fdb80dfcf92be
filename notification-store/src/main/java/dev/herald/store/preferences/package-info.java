/**
 * A user's notification preferences as the pipeline and the inbox read them: channel
 * switches per type, muted actors and content, aggregation, locale, digest schedule.
 * Users who never saved any get the defaults (every type in-app and on devices, e-mail
 * digest off).
 */
package dev.herald.store.preferences;
