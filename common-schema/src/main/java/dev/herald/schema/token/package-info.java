/**
 * Signed tokens shared between services, such as the one-click unsubscribe token.
 */
package dev.herald.schema.token;
