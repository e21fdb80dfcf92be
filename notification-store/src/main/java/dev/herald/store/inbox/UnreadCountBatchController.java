package dev.herald.store.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/notifications/unread-count:batch}: {@code GET …/unread-count} for many
 * users in one call and one query, which the push gateway uses for the {@code hello} of
 * every connection that opens while another lookup is in flight (a connection ramp, a
 * reconnect storm). Each user is named by their own bearer token, verified with the same
 * decoder (signature, expiry, issuer, audience) as the {@code Authorization} header of
 * any other call, so the store still learns who a user is only from that user's token:
 * the caller needs no credential of its own and cannot ask about anyone whose token it
 * does not hold. A token that does not verify gets {@code "error":"invalid_token"} in its
 * place; the others are answered.
 */
@RestController
class UnreadCountBatchController {

	/** Most tokens in one request; the gateway sends at most its batch size (500). */
	static final int MAX_TOKENS = 1000;

	private static final Logger log = LoggerFactory.getLogger(UnreadCountBatchController.class);

	private final JwtDecoder decoder;

	private final JdbcClient jdbc;

	UnreadCountBatchController(JwtDecoder decoder, JdbcClient jdbc) {
		this.decoder = decoder;
		this.jdbc = jdbc;
	}

	@SecurityRequirements
	@PostMapping(path = "/v1/notifications/unread-count:batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	Answer lookup(@Valid @RequestBody Request request) {
		List<String> users = new ArrayList<>(request.tokens().size());
		for (String token : request.tokens()) {
			users.add(subjectOf(token));
		}
		Map<String, Result> states = states(users);
		return new Answer(users.stream().map((user) -> (user != null) ? states.get(user) : Result.INVALID).toList());
	}

	/** The verified subject, or null when the token does not verify. */
	private String subjectOf(String token) {
		try {
			Jwt jwt = this.decoder.decode(token);
			return (jwt.getSubject() != null && !jwt.getSubject().isBlank()) ? jwt.getSubject() : null;
		}
		catch (JwtException ex) {
			log.debug("Token of a batched unread-count lookup rejected: {}", ex.getMessage());
			return null;
		}
	}

	/** One query for all users; a user never seen has seq 0 and nothing unread. */
	private Map<String, Result> states(List<String> users) {
		Set<String> distinct = new LinkedHashSet<>(users);
		distinct.remove(null);
		Map<String, Result> states = new HashMap<>();
		distinct.forEach((user) -> states.put(user, new Result(0, 0, 0L, null)));
		if (!distinct.isEmpty()) {
			this.jdbc.sql("SELECT user_id, seq, unread_count, unseen_count FROM user_state WHERE user_id = ANY(?)")
				.param(distinct.toArray(String[]::new))
				.query((rs, n) -> states.put(rs.getString(1),
						new Result(rs.getInt(3), rs.getInt(4), rs.getLong(2), null)))
				.list();
		}
		return states;
	}

	/**
	 * The users to look up.
	 *
	 * @param tokens each user's bearer token (a JWT), 1 to {@value #MAX_TOKENS}
	 */
	record Request(@NotNull @Size(min = 1, max = MAX_TOKENS) List<@NotNull String> tokens) {

	}

	/**
	 * One result per token, in the request's order.
	 *
	 * @param results the unread count and seq, or the error, of each token's user
	 */
	record Answer(List<Result> results) {

	}

	/**
	 * A user's counts and seq (as {@code GET …/unread-count} answers them), or an error
	 * for a token that did not verify.
	 *
	 * @param unreadCount unread notifications
	 * @param unseenCount unseen notifications
	 * @param seq the user's latest seq
	 * @param error {@code invalid_token}, else absent
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Result(Integer unreadCount, Integer unseenCount, Long seq, String error) {

		static final Result INVALID = new Result(null, null, null, "invalid_token");

	}

}
