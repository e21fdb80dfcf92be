package dev.herald.push.store;

/** A user's latest change seq, unread and unseen counts, as the store knows them. */
public record StoreState(long seq, int unreadCount, int unseenCount) {

}
