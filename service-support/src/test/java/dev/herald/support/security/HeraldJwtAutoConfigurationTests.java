package dev.herald.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeraldJwtAutoConfigurationTests {

	private static final String SECRET = "test-secret-0123456789-0123456789-abcdef";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeraldJwtAutoConfiguration.class))
		.withPropertyValues("herald.security.jwt.secret=" + SECRET, "herald.security.jwt.issuer=herald-test",
				"herald.security.jwt.audience=herald");

	private final DevTokens tokens = new DevTokens(SECRET, "herald-test", "herald");

	@Test
	void acceptsAValidTokenWithItsScopes() {
		this.runner.run((context) -> {
			Jwt jwt = context.getBean(JwtDecoder.class).decode(this.tokens.service("ingest-client", "events:write"));
			assertThat(jwt.getSubject()).isEqualTo("ingest-client");
			assertThat(jwt.getClaimAsString("scope")).isEqualTo("events:write");
		});
	}

	@Test
	void refusesExpiredWrongSignatureUnsignedWrongAudienceAndWrongIssuer() {
		this.runner.run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			String expired = this.tokens.mint("u1", List.of(), Instant.now().minus(Duration.ofHours(1)), "herald");
			String otherKey = new DevTokens(SECRET + "-other", "herald-test", "herald").user("u1");
			String wrongAudience = this.tokens.mint("u1", List.of(), Instant.now().plusSeconds(60), "someone-else");
			String wrongIssuer = new DevTokens(SECRET, "evil", "herald").user("u1");
			for (String token : List.of(expired, otherKey, unsigned(this.tokens.user("u1")), wrongAudience,
					wrongIssuer)) {
				assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
			}
		});
	}

	@ParameterizedTest
	@EnumSource(DevTokens.Flaw.class)
	void refusesATokenWithoutSubjectOrExpiryOrLivingTooLong(DevTokens.Flaw flaw) {
		this.runner.run((context) -> assertThatThrownBy(
				() -> context.getBean(JwtDecoder.class).decode(this.tokens.flawed(flaw, "u1", "events:write")))
			.isInstanceOf(JwtException.class)
			.hasMessageContaining(switch (flaw) {
				case NO_SUBJECT, EMPTY_SUBJECT, BLANK_SUBJECT -> "no subject (sub)";
				case NO_EXPIRY -> "exp";
				case LIFETIME_OVER_A_DAY, LIFETIME_OVER_A_DAY_WITHOUT_IAT -> "lives longer than PT24H";
			}));
	}

	@Test
	void verifiedTokensAreKeptUnlessTheCacheIsOff() {
		this.runner
			.run((context) -> assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(CachingJwtDecoder.class));
		this.runner.withPropertyValues("herald.security.jwt.cache-size=0")
			.run((context) -> assertThat(context.getBean(JwtDecoder.class))
				.isInstanceOf(org.springframework.security.oauth2.jwt.NimbusJwtDecoder.class));
	}

	@Test
	void theLongestLifetimeIsConfigurable() {
		this.runner.withPropertyValues("herald.security.jwt.max-lifetime=30m").run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			assertThat(decoder.decode(this.tokens.user("u1", Duration.ofMinutes(29))).getSubject()).isEqualTo("u1");
			assertThatThrownBy(() -> decoder.decode(this.tokens.user("u1", Duration.ofMinutes(31))))
				.hasMessageContaining("lives longer than PT30M");
		});
	}

	@Test
	void aTokenWithoutIssuedAtMayLiveUpToTheLongestLifetimeFromNow() {
		this.runner.run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			String token = this.tokens.sign(new JWTClaimsSet.Builder().subject("u1")
				.issuer("herald-test")
				.audience("herald")
				.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(23))))
				.build());
			assertThat(decoder.decode(token).getSubject()).isEqualTo("u1");
		});
	}

	@Test
	void usesTheSecretWhenTheJwksUriIsEmpty() {
		this.runner.withPropertyValues("herald.security.jwt.jwk-set-uri=")
			.run((context) -> assertThat(context.getBean(JwtDecoder.class).decode(this.tokens.user("u1")).getSubject())
				.isEqualTo("u1"));
	}

	@Test
	void refusesToStartWithoutAKeyOrWithAShortSecret() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeraldJwtAutoConfiguration.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("herald.security.jwt.secret"));
		this.runner.withPropertyValues("herald.security.jwt.secret=short")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("32 bytes"));
	}

	private static String unsigned(String token) {
		String[] parts = token.split("\\.");
		String header = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		return header + "." + parts[1] + ".";
	}

}
