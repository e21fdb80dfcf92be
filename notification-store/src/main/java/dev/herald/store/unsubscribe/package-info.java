/**
 * One-click unsubscribe from e-mail digests (RFC 8058) for the signed links in digest
 * e-mails: no login or cookies, the HMAC-signed token names the user. {@code GET} only
 * shows a page that confirms (mail scanners prefetch links), {@code POST} unsubscribes,
 * and undo restores the previous frequency.
 */
package dev.herald.store.unsubscribe;
