package dev.herald.push.store;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.herald.push.PushProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the store on behalf of a user, forwarding the user's bearer token. At most
 * {@code herald.push.store-concurrency} calls are in flight; the others wait their turn
 * (callers run on virtual threads) for up to {@code herald.push.store-queue-timeout}.
 */
@Component
public class StoreClient {

	private static final int MAX_PAGE = 500;

	private final RestClient rest;

	private final int pageSize;

	private final Semaphore turns;

	private final Duration queueTimeout;

	public StoreClient(PushProperties properties, MeterRegistry meters) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.storeTimeout())
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(properties.storeTimeout());
		this.rest = RestClient.builder().baseUrl(properties.storeUrl().toString()).requestFactory(factory).build();
		this.pageSize = Math.min(properties.storePageSize(), MAX_PAGE);
		this.turns = new Semaphore(properties.storeConcurrency(), true);
		this.queueTimeout = properties.storeQueueTimeout();
		Gauge.builder("herald.push.store.waiting", this.turns, Semaphore::getQueueLength)
			.description("Store calls waiting for their turn")
			.register(meters);
	}

	public StoreState state(String token) {
		JsonNode body = call("unread-count",
				() -> this.rest.get()
					.uri("/v1/notifications/unread-count")
					.headers((h) -> h.setBearerAuth(token))
					.retrieve()
					.body(JsonNode.class));
		return new StoreState(body.path("seq").asLong(), body.path("unreadCount").asInt());
	}

	/**
	 * The changes after {@code since}, one page.
	 * @throws HistoryGoneException when the store no longer keeps them
	 */
	public ChangePage changes(String token, long since) {
		return inTurn("changes", () -> changePage(token, since));
	}

	private ChangePage changePage(String token, long since) {
		try {
			JsonNode body = this.rest.get()
				.uri("/v1/notifications/changes?since={since}&limit={limit}", since, this.pageSize)
				.headers((h) -> h.setBearerAuth(token))
				.retrieve()
				.body(JsonNode.class);
			List<ObjectNode> changes = new ArrayList<>();
			body.path("changes").forEach((change) -> changes.add((ObjectNode) change));
			return new ChangePage(body.path("seq").asLong(), changes, body.path("hasMore").asBoolean());
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.GONE)) {
				throw new HistoryGoneException(since, latestSeqOf(ex));
			}
			throw new StoreUnavailableException("changes", ex);
		}
		catch (RestClientException ex) {
			throw new StoreUnavailableException("changes", ex);
		}
	}

	public void markRead(String token, List<String> ids) {
		call("read",
				() -> this.rest.post()
					.uri("/v1/notifications/read")
					.headers((h) -> h.setBearerAuth(token))
					.body(Map.of("ids", ids))
					.retrieve()
					.toBodilessEntity());
	}

	public void markAllRead(String token) {
		call("read-all",
				() -> this.rest.post()
					.uri("/v1/notifications/read-all")
					.headers((h) -> h.setBearerAuth(token))
					.retrieve()
					.toBodilessEntity());
	}

	private static long latestSeqOf(HttpClientErrorException ex) {
		JsonNode problem = ex.getResponseBodyAs(JsonNode.class);
		return (problem != null) ? problem.path("seq").asLong() : 0;
	}

	private <T> T call(String operation, Supplier<T> call) {
		return inTurn(operation, () -> {
			try {
				return call.get();
			}
			catch (RestClientException ex) {
				throw new StoreUnavailableException(operation, ex);
			}
		});
	}

	private <T> T inTurn(String operation, Supplier<T> call) {
		try {
			if (!this.turns.tryAcquire(this.queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new StoreUnavailableException(operation,
						new TimeoutException("no turn for a store call within " + this.queueTimeout));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StoreUnavailableException(operation, ex);
		}
		try {
			return call.get();
		}
		finally {
			this.turns.release();
		}
	}

}
