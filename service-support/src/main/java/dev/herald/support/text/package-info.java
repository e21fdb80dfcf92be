/**
 * Notification texts loaded while a service starts.
 */
package dev.herald.support.text;
