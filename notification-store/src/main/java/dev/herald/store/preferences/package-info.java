/**
 * A user's notification preferences: channel switches per type, digest schedule, quiet
 * hours, time zone, locale, muted actors and content, aggregation. The REST API
 * ({@code /v1/preferences}) changes them; every change and erasure goes through an outbox
 * to the compacted {@code user-preferences.v1}, and the pipeline reads them through a
 * cache that every change invalidates on every instance. Users who never saved any get
 * the defaults (every type in-app and on devices, e-mail digest off).
 */
package dev.herald.store.preferences;
