/**
 * The services' OpenAPI descriptions, one head for all.
 */
package dev.herald.support.api;
