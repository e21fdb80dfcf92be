/**
 * The {@code notifications.v1} feed: every instance assigns itself all partitions (no
 * consumer group), starts at the end (history comes from the store on resume) and hands
 * each change to the session registry.
 */
package dev.herald.push.feed;
