/**
 * Delivery of {@code notifications.v1} to the users' push subscriptions: the payload
 * (localized text, click URL, unread count), the request (RFC 8291 aes128gcm body and RFC
 * 8292 VAPID header from {@code com.interaso:webpush}, sent with the JDK HTTP client),
 * and what each answer of the push service means (sent, gone, retry later, rejected).
 */
package dev.herald.webpush.delivery;
