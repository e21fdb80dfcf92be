/**
 * Operator endpoints under {@code /v1/admin} (scope {@code notifications:admin}):
 * statistics, an on-demand retention run and the erasure of a user.
 */
package dev.herald.store.admin;
