package dev.herald.push.store;

/** A user's latest change seq and unread count, as the store knows them. */
public record StoreState(long seq, int unreadCount) {

}
