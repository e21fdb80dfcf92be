/**
 * Rules about events that every service applies the same way.
 */
package dev.herald.schema.rules;
