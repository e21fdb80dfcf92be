package dev.herald.support.kafka;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that says a dependency is away (the database, an MQTT broker) from one
 * that says the record is bad. The shared error handler never dead-letters a record that
 * failed for an outage: it tries it again, with a bounded pause, until the dependency is
 * back, and its offset stays uncommitted meanwhile. Each {@code OutageClassifier} bean is
 * asked about every exception in the cause chain.
 */
@FunctionalInterface
public interface OutageClassifier {

	/**
	 * PostgreSQL unreachable, out of connections or restarting, or a transaction lost to
	 * a deadlock or serialization failure: all pass when the record is tried again later.
	 * A commit or rollback that failed in JDBC counts too: on a connection the server
	 * terminated, the pool answers the rollback with a bare "Connection is closed", which
	 * then hides the application's own exception.
	 */
	OutageClassifier DATABASE = (cause) -> cause instanceof DataAccessResourceFailureException
			|| cause instanceof TransientDataAccessResourceException || cause instanceof RecoverableDataAccessException
			|| cause instanceof PessimisticLockingFailureException || cause instanceof CannotCreateTransactionException
			|| cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
			|| (cause instanceof SQLException sql && isUnavailable(sql.getSQLState()))
			|| (cause instanceof TransactionSystemException tx
					&& (tx.getCause() instanceof SQLException || (tx.getApplicationException() != null
							&& anyOutage(tx.getApplicationException(), List.of(OutageClassifier.DATABASE)))));

	/**
	 * Whether this exception, one of the failure's cause chain, means a dependency is
	 * away.
	 * @param cause the exception
	 * @return true for an outage
	 */
	boolean isOutage(Throwable cause);

	/**
	 * Whether a SQLSTATE says the server is unreachable, shutting down or out of
	 * resources (classes 08, 57P and 53).
	 * @param sqlState the SQLSTATE, may be null
	 * @return true for an outage
	 */
	static boolean isUnavailable(String sqlState) {
		return sqlState != null
				&& (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.startsWith("53"));
	}

	/**
	 * Whether any exception of the failure's cause chain is an outage for one of the
	 * classifiers.
	 * @param failure the failure
	 * @param classifiers the classifiers
	 * @return true for an outage
	 */
	static boolean anyOutage(Throwable failure, Iterable<? extends OutageClassifier> classifiers) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			for (OutageClassifier classifier : classifiers) {
				if (classifier.isOutage(cause)) {
					return true;
				}
			}
		}
		return false;
	}

}
