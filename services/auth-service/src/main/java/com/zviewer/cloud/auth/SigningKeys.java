package com.zviewer.cloud.auth;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys access tokens are signed with, kept in auth-service's database so that every replica signs with the same
 * key and publishes the same set. Made on first use (never at build time), replaced after
 * {@code zviewer.auth.signing-key-rotation}; a replaced key stays published until every token it signed has expired,
 * then is retired. Each replica re-reads the keys every minute.
 */
@Component
class SigningKeys {

	private static final Log logger = LogFactory.getLog(SigningKeys.class);

	private static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);

	/** Serialises key creation across replicas ({@code pg_advisory_xact_lock}). */
	private static final long KEY_LOCK = 0x7a76_6b65_7973L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuthProperties properties;

	private volatile Loaded loaded;

	SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, AuthProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
	}

	/** The key new tokens are signed with. */
	RSAKey current() {
		return keys().get(0);
	}

	/** Every key a valid token may have been signed with, public halves only. */
	JWKSet publicKeys() {
		return new JWKSet(keys().stream().map(JWK::toPublicJWK).toList());
	}

	/** Looks keys up for verifying tokens; an unknown key id makes it read the database again. */
	JWKSource<SecurityContext> verificationKeys() {
		return (selector, context) -> {
			List<JWK> found = selector.select(new JWKSet(List.copyOf(keys())));
			if (found.isEmpty()) {
				reload();
				found = selector.select(new JWKSet(List.copyOf(keys())));
			}
			return found;
		};
	}

	private List<RSAKey> keys() {
		Loaded keys = this.loaded;
		if (keys == null || keys.at().plus(RELOAD_INTERVAL).isBefore(Instant.now())) {
			keys = reload();
		}
		return keys.keys();
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void rotateIfDue() {
		reload();
	}

	synchronized Loaded reload() {
		List<RSAKey> keys = read();
		Instant now = Instant.now();
		if (keys.isEmpty() || keys.get(0).getIssueTime().toInstant().plus(this.properties.getSigningKeyRotation())
			.isBefore(now)) {
			keys = this.transactions.execute((status) -> {
				this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(KEY_LOCK).query().singleRow();
				List<RSAKey> again = read();
				if (!again.isEmpty() && !again.get(0).getIssueTime().toInstant()
					.plus(this.properties.getSigningKeyRotation())
					.isBefore(now)) {
					return again;
				}
				create(now);
				retireReplaced(now);
				return read();
			});
		}
		Loaded loaded = new Loaded(keys, now);
		this.loaded = loaded;
		return loaded;
	}

	private List<RSAKey> read() {
		return this.jdbc
			.sql("SELECT kid, public_key, private_key, created_at FROM signing_keys WHERE retired_at IS NULL "
					+ "ORDER BY created_at DESC")
			.query((rs, row) -> toJwk(rs.getString("kid"), rs.getBytes("public_key"), rs.getBytes("private_key"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private void create(Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			String kid = UUID.randomUUID().toString();
			this.jdbc
				.sql("INSERT INTO signing_keys (kid, algorithm, public_key, private_key, created_at) "
						+ "VALUES (?, 'RS256', ?, ?, ?)")
				.params(kid, pair.getPublic().getEncoded(), pair.getPrivate().getEncoded(), Timestamp.from(now))
				.update();
			logger.info("Made signing key " + kid);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot make a signing key", ex);
		}
	}

	/** A key replaced longer ago than tokens live has no valid token left. */
	private void retireReplaced(Instant now) {
		Instant before = now.minus(this.properties.getAccessTokenTtl()).minus(Duration.ofMinutes(5));
		this.jdbc.sql("""
				UPDATE signing_keys k SET retired_at = ? WHERE retired_at IS NULL AND EXISTS (
				    SELECT 1 FROM signing_keys newer WHERE newer.created_at > k.created_at AND newer.created_at < ?)
				""").params(Timestamp.from(now), Timestamp.from(before)).update();
	}

	private static RSAKey toJwk(String kid, byte[] publicKey, byte[] privateKey, Instant createdAt) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey)))
				.privateKey((RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.issueTime(java.util.Date.from(createdAt))
				.build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Signing key " + kid + " cannot be read", ex);
		}
	}

	record Loaded(List<RSAKey> keys, Instant at) {
	}

}
