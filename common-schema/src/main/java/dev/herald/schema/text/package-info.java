/**
 * Notification texts in each supported language, rendered from a template key and params.
 */
package dev.herald.schema.text;
