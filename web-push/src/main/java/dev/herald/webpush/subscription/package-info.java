/**
 * Browsers' push subscriptions: the REST API a page calls after
 * {@code pushManager.subscribe()}, the rules an endpoint must meet (https, a known push
 * service, valid keys) so the service never posts to an arbitrary URL, and the VAPID
 * public key the page subscribes with.
 */
package dev.herald.webpush.subscription;
