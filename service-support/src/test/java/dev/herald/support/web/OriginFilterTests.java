package dev.herald.support.web;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.WebUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OriginFilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080", "https://herald.example", "http://127.0.0.1:8080",
			"http://[::1]:8080", "https://a-b.example:443", "chrome-extension://abcdef", "null" })
	void acceptsOrigins(String origin) {
		assertThat(OriginFilter.isOrigin(origin)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080.evil.example", "http://localhost:80a", "http://localhost:",
			"http://localhost:99999", "http://localhost:8080/", "http://localhost/path", "http://user@localhost",
			"http://localhost?x", "http://localhost#x", "localhost:8080", "garbage", "", " ", "NULL", "null ",
			"http://", "http:///x", "http://exa mple", "http://ex_ample", "//localhost", "http://localhost:-1",
			"http://[::1", "mailto:a@b.c", "http://localhost:8080, http://evil.example" })
	void refusesWhatIsNotAnOrigin(String origin) {
		assertThat(OriginFilter.isOrigin(origin)).isFalse();
	}

	/**
	 * What passes the filter never throws in Spring's CORS and WebSocket origin checks.
	 */
	@Property(tries = 3000)
	void whatPassesIsSafeForSpringsOriginChecks(@ForAll("originLike") String origin) {
		Statistics.label("passes the filter")
			.collect(OriginFilter.isOrigin(origin))
			.coverage((coverage) -> coverage.check(true).percentage((percent) -> percent > 10));
		if (!OriginFilter.isOrigin(origin)) {
			return;
		}
		assertThatNoException().isThrownBy(() -> {
			UriComponentsBuilder.fromUriString(origin).build().getPort();
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/ws");
			request.setServerName("localhost");
			request.setServerPort(8083);
			request.addHeader("Origin", origin);
			CorsUtils.isCorsRequest(request);
			WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
			WebUtils.isValidOrigin(new ServletServerHttpRequest(request), List.of("http://localhost:8080"));
		});
	}

	@Provide
	Arbitrary<String> originLike() {
		Arbitrary<String> scheme = Arbitraries.of("http", "https", "ws", "h2", "x-y", "", "1a");
		Arbitrary<String> host = Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.strings().withChars("abcxyz019.-").ofMinLength(1).ofMaxLength(20)),
				Tuple.of(1, Arbitraries.strings().withChars("abcxyz019.-_:[]@%/?# ").ofMaxLength(20)),
				Tuple.of(1, Arbitraries.of("[::1]", "[::1", "127.0.0.1", "localhost", "1.2.3.4.5", "a..b")));
		Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.just(""),
				Arbitraries.integers().between(-5, 70_000).map((p) -> ":" + p),
				Arbitraries.strings().withChars("0123456789.abc").ofMaxLength(12).map((p) -> ":" + p));
		return Combinators.combine(scheme, host, port).as((s, h, p) -> s + "://" + h + p);
	}

}
