/**
 * Local copies of the compacted {@code user-contacts.v1} and {@code user-preferences.v1}
 * topics: who can be mailed, at which address, in which language and time zone, on which
 * schedule.
 */
package dev.herald.digest.recipients;
