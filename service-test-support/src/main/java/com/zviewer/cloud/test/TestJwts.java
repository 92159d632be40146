package com.zviewer.cloud.test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens for testing a service without auth-service: signed as auth-service signs them (RS256, issuer
 * {@value #ISSUER}, subject the user id, a {@code roles} claim), with a key made for the test run. A test imports
 * {@link Configuration} so that the service verifies them with that key's public half instead of fetching auth-service's
 * key set.
 */
public final class TestJwts {

	public static final String ISSUER = "zviewer";

	private static final KeyPair KEYS = generate();

	private static final NimbusJwtEncoder ENCODER = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(
			new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).privateKey((RSAPrivateKey) KEYS.getPrivate())
				.keyID("test")
				.build())));

	private TestJwts() {
	}

	/** A valid access token of the given user with the given roles (USER, MODERATOR, ADMIN). */
	public static String token(long userId, String... roles) {
		return token(userId, Duration.ofMinutes(5), roles);
	}

	/** An access token that expires after the given time (negative: already expired). */
	public static String token(long userId, Duration validity, String... roles) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(Long.toString(userId))
			.id(UUID.randomUUID().toString())
			.issuedAt(now.minus(Duration.ofMinutes(10)))
			.expiresAt(now.plus(validity))
			.claim("roles", List.of(roles))
			.build();
		return ENCODER
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build(), claims))
			.getTokenValue();
	}

	/** The public half of the test key as a JWK set document, as auth-service publishes its keys. */
	public static String jwkSetJson() {
		return new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).keyID("test").build()).toString();
	}

	/** The value of an {@code Authorization} header carrying a token of the given user. */
	public static String bearer(long userId, String... roles) {
		return "Bearer " + token(userId, roles);
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Makes the service under test trust {@link TestJwts}' tokens (and only those). */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		JwtDecoder testJwtDecoder() {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
			decoder.setJwtValidator(new org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator<>(
					new org.springframework.security.oauth2.jwt.JwtTimestampValidator(),
					new JwtIssuerValidator(ISSUER)));
			return decoder;
		}

	}

}
