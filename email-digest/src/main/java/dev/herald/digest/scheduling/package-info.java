/**
 * When each user's next e-mail is due, and the scheduler that claims due digests (safe
 * with several instances: {@code FOR UPDATE SKIP LOCKED}), has them sent, records the
 * outcome and recovers intents that a stopped instance left behind.
 */
package dev.herald.digest.scheduling;
