package dev.herald.store.notification;

import dev.herald.store.StoreIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class QueryPlanTests extends StoreIntegrationTest {

	QueryPlanTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@Test
	void everyStatementIsPlannedForTheTablesAsTheyAreNow() {
		// a generic plan cached while a table was small (a sequential scan) would outlive
		// the table's growth until the next ANALYZE
		assertThat(this.jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
	}

}
