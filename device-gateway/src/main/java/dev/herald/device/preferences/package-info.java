/**
 * What the gateway keeps of each user's preferences (language, time zone, quiet hours),
 * read from the compacted {@code user-preferences.v1} topic into a local table.
 */
package dev.herald.device.preferences;
