package dev.herald.push.store;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * One page of the change feed: frames in seq order, each exactly a WebSocket message.
 *
 * @param seq the user's latest seq
 * @param changes the frames after the requested seq
 * @param hasMore whether more frames follow
 */
public record ChangePage(long seq, List<ObjectNode> changes, boolean hasMore) {

}
