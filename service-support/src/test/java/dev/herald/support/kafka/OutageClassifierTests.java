package dev.herald.support.kafka;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class OutageClassifierTests {

	private static final List<OutageClassifier> DATABASE = List.of(OutageClassifier.DATABASE);

	@Test
	void anUnreachableOrStoppingDatabaseIsAnOutageAnywhereInTheCauseChain() {
		assertThat(isOutage(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
			.isTrue();
		assertThat(isOutage(new DataAccessResourceFailureException("I/O error"))).isTrue();
		assertThat(isOutage(new CannotAcquireLockException("deadlock detected"))).isTrue();
		assertThat(isOutage(new SQLRecoverableException("connection reset"))).isTrue();
		assertThat(isOutage(new TransactionSystemException("commit failed",
				new SQLException("terminating connection due to administrator command", "57P01"))))
			.isTrue();
		assertThat(isOutage(new SQLException("Connection refused", "08001"))).isTrue();
		assertThat(isOutage(new SQLException("too many connections", "53300"))).isTrue();
	}

	@Test
	void aRollbackThatFailedOnATerminatedConnectionIsAnOutage() {
		TransactionSystemException closed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		TransactionSystemException hiding = new TransactionSystemException("Could not roll back");
		hiding.initApplicationException(new DataAccessResourceFailureException("terminating connection"));
		TransactionSystemException other = new TransactionSystemException("Could not roll back");
		other.initApplicationException(new DuplicateKeyException("duplicate key"));

		assertThat(isOutage(closed)).isTrue();
		assertThat(isOutage(hiding)).isTrue();
		assertThat(isOutage(other)).isFalse();
		assertThat(isOutage(new TransactionSystemException("no JTA", new IllegalStateException()))).isFalse();
	}

	@Test
	void aRecordTheDatabaseRejectsIsNoOutage() {
		assertThat(isOutage(new DuplicateKeyException("duplicate key"))).isFalse();
		assertThat(isOutage(new DataIntegrityViolationException("value too long",
				new SQLException("value too long for type character varying(64)", "22001"))))
			.isFalse();
		assertThat(isOutage(new SQLException("no state"))).isFalse();
		assertThat(isOutage(new InvalidRecordException("recipientId: must not be blank"))).isFalse();
		assertThat(isOutage(new SerializationException("expected marker C3 01"))).isFalse();
	}

	@Test
	void everyClassifierIsAsked() {
		OutageClassifier broker = (cause) -> cause instanceof IllegalStateException;
		Exception failure = new ListenerExecutionFailedException("listener failed",
				new IllegalStateException("broker away"));

		assertThat(OutageClassifier.anyOutage(failure, DATABASE)).isFalse();
		assertThat(OutageClassifier.anyOutage(failure, List.of(OutageClassifier.DATABASE, broker))).isTrue();
	}

	private static boolean isOutage(Exception failure) {
		return OutageClassifier.anyOutage(new ListenerExecutionFailedException("listener failed", failure), DATABASE);
	}

}
