/**
 * Checking and cleaning what callers send: field rules that collect every problem of a
 * request, and the plain-text sanitiser (markup stripped, grapheme-safe caps).
 */
package dev.herald.ingest.input;
