package dev.herald.push.store;

/** The store no longer keeps the changes after the requested seq (HTTP 410). */
public class HistoryGoneException extends RuntimeException {

	private final long latestSeq;

	HistoryGoneException(long since, long latestSeq) {
		super("Changes after seq " + since + " are no longer kept; latest is " + latestSeq);
		this.latestSeq = latestSeq;
	}

	public long latestSeq() {
		return this.latestSeq;
	}

}
