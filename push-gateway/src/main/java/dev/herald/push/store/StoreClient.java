package dev.herald.push.store;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the store on behalf of a user, forwarding the user's bearer token. At most
 * {@code herald.push.store-concurrency} calls are in flight; the others wait their turn
 * (callers run on virtual threads) for up to {@code herald.push.store-queue-timeout}. The
 * {@code hello} lookups of connections opening at the same time go to the store together
 * ({@link StateBatcher}, {@code POST /v1/notifications/unread-count:batch}), still each
 * with its user's own token.
 */
@Component
public class StoreClient {

	private static final int MAX_PAGE = 500;

	/** The store's limit on tokens in one batched lookup. */
	private static final int MAX_BATCH = 1000;

	/** Batched hello calls in flight at once; each also takes a store turn. */
	private static final int HELLO_CALLERS = 4;

	/** The wait before the next batched hello call after one failed. */
	private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

	private final RestClient rest;

	private final int pageSize;

	private final Semaphore turns;

	private final Duration queueTimeout;

	private final StateBatcher states;

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
		this.states = new StateBatcher(Math.min(properties.helloBatchSize(), MAX_BATCH),
				Math.min(HELLO_CALLERS, properties.storeConcurrency()), this::states, properties.storeQueueTimeout(),
				RETRY_PAUSE);
		Gauge.builder("herald.push.store.waiting", this.turns, Semaphore::getQueueLength)
			.description("Store calls waiting for their turn")
			.register(meters);
		Gauge.builder("herald.push.store.hello.waiting", this.states, StateBatcher::waiting)
			.description("Hello lookups waiting for the next batched store call")
			.register(meters);
	}

	/**
	 * The user's seq and unread count, for {@code hello}; lookups made while another is
	 * in flight share one store call. Completes with {@link TokenRejectedException} when
	 * the store refused the token, {@link StoreUnavailableException} when it did not
	 * answer.
	 */
	public CompletableFuture<StoreState> state(String token) {
		return this.states.state(token);
	}

	private List<StoreState> states(List<String> tokens) {
		JsonNode body = call("unread-count:batch",
				() -> this.rest.post()
					.uri("/v1/notifications/unread-count:batch")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("tokens", tokens))
					.retrieve()
					.body(JsonNode.class));
		List<StoreState> states = new ArrayList<>(tokens.size());
		body.path("results")
			.forEach((result) -> states.add(result.has("error") ? null : new StoreState(result.path("seq").asLong(),
					result.path("unreadCount").asInt(), result.path("unseenCount").asInt())));
		return states;
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

	/** Marks the given notifications seen, or all of them when {@code ids} is null. */
	public void markSeen(String token, List<String> ids) {
		call("seen",
				() -> this.rest.post()
					.uri("/v1/notifications/seen")
					.headers((h) -> h.setBearerAuth(token))
					.body((ids != null) ? Map.of("ids", ids) : Map.of())
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
