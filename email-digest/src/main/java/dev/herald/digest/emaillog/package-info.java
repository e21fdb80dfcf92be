/**
 * The e-mail log: one row per e-mail from the recorded intent to its outcome, and the
 * admin API that reads it.
 */
package dev.herald.digest.emaillog;
