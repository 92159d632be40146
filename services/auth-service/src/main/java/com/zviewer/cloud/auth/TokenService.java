package com.zviewer.cloud.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import com.zviewer.cloud.starter.ZViewerJwtProperties;

/**
 * Issues access tokens (RS256 JWTs with the user id as subject and the roles) and rotating refresh tokens (random,
 * opaque, stored hashed), and revokes them.
 */
@Service
class TokenService {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SigningKeys keys;

	private final RefreshTokenRepository refreshTokens;

	private final JdbcAggregateTemplate aggregates;

	private final UserAccountRepository users;

	private final AuthProperties properties;

	TokenService(SigningKeys keys, RefreshTokenRepository refreshTokens, JdbcAggregateTemplate aggregates,
			UserAccountRepository users, AuthProperties properties) {
		this.keys = keys;
		this.refreshTokens = refreshTokens;
		this.aggregates = aggregates;
		this.users = users;
		this.properties = properties;
	}

	/** Starts a new session (a new refresh-token family) for a user who has just proved who they are. */
	@Transactional
	Tokens login(UserAccount user) {
		return issue(user, UUID.randomUUID());
	}

	/**
	 * Exchanges a refresh token for a new pair. A token that was already exchanged (a copy someone kept) revokes its
	 * whole family, so that whoever holds the newer token has to sign in again too.
	 */
	@Transactional(noRollbackFor = ResponseStatusException.class)
	Tokens refresh(String refreshToken) {
		Instant now = Instant.now();
		RefreshToken token = this.refreshTokens.findByTokenHashForUpdate(hash(refreshToken))
			.orElseThrow(TokenService::invalid);
		if (!token.usable(now)) {
			if (token.replacedAt() != null && token.revokedAt() == null) {
				this.refreshTokens.revokeFamily(token.familyId(), now);
			}
			throw invalid();
		}
		UserAccount user = this.users.findById(token.userId()).orElseThrow(TokenService::invalid);
		if (!user.active()) {
			this.refreshTokens.revokeAllOf(user.id(), now);
			throw AccountService.inactive(user);
		}
		this.refreshTokens.markReplaced(token.id(), now);
		return issue(user, token.familyId());
	}

	/** Ends the session the refresh token belongs to. Unknown or already revoked tokens are accepted silently. */
	@Transactional
	void logout(String refreshToken) {
		this.refreshTokens.findByTokenHashForUpdate(hash(refreshToken))
			.ifPresent((token) -> this.refreshTokens.revokeFamily(token.familyId(), Instant.now()));
	}

	/** Ends every session of a user. */
	@Transactional
	void revokeAll(long userId) {
		this.refreshTokens.revokeAllOf(userId, Instant.now());
	}

	JWKSet publicKeys() {
		return this.keys.publicKeys();
	}

	@Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
	@Transactional
	void deleteExpired() {
		this.refreshTokens.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1)));
	}

	private Tokens issue(UserAccount user, UUID familyId) {
		Instant now = Instant.now();
		Duration accessTtl = this.properties.getAccessTokenTtl();
		Duration refreshTtl = this.properties.getRefreshTokenTtl();
		RSAKey key = this.keys.current();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.getIssuer())
			.subject(Long.toString(user.id()))
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.expiresAt(now.plus(accessTtl))
			.claim(ZViewerJwtProperties.ROLES_CLAIM, user.role().granted())
			.claim("name", user.displayName())
			.build();
		String accessToken = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(key)))
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build(),
					claims))
			.getTokenValue();
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		this.aggregates.insert(RefreshToken.issue(user.id(), familyId, hash(refreshToken), now.plus(refreshTtl)));
		return new Tokens(accessToken, "Bearer", accessTtl.toSeconds(), refreshToken, refreshTtl.toSeconds());
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ResponseStatusException invalid() {
		return new ResponseStatusException(HttpStatus.UNAUTHORIZED, "The refresh token is invalid, expired or revoked");
	}

	/** What login and refresh answer (the field names of RFC 6749's token response, in camel case). */
	record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
	}

}
