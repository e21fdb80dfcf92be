/**
 * The store's copy of {@code user-contacts.v1}: which users exist and their attributes,
 * for broadcasts. Nothing else about a contact (address, name) is kept.
 */
package dev.herald.store.contacts;
