package dev.herald.digest.emaillog;

import java.util.List;

/**
 * A page of the e-mail log, newest first.
 *
 * @param items the entries
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last
 */
record EmailLogPage(List<EmailLogEntry> items, String nextCursor) {

}
