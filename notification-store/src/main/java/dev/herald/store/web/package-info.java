/**
 * Web wiring shared by every API of the store: JWT resource server, CORS for the browser
 * origins, and the one problem+json advice.
 */
package dev.herald.store.web;
