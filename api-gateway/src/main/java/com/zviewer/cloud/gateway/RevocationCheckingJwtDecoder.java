package com.zviewer.cloud.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Refuses access tokens that auth-service revoked before they expire (a ban, a suspension, a role or password
 * change): auth-service writes the time of the revocation to Redis under {@value #KEY_PREFIX}{user id}, and a token of
 * that user issued at or before it is refused like an expired one. Should Redis not answer within
 * {@link #REDIS_TIMEOUT}, the token is accepted on its signature and expiry alone (access tokens live minutes), so that
 * a Redis outage does not stop the system; {@code zviewer_gateway_revocation_checks_total{outcome="unavailable"}}
 * counts those.
 */
class RevocationCheckingJwtDecoder implements ReactiveJwtDecoder {

	static final String KEY_PREFIX = "zviewer:auth:revoked-before:";

	static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);

	private static final Log logger = LogFactory.getLog(RevocationCheckingJwtDecoder.class);

	private final ReactiveJwtDecoder decoder;

	private final ReactiveStringRedisTemplate redis;

	private final Counter valid;

	private final Counter revoked;

	private final Counter unavailable;

	/** Whether the last check found Redis unreachable: each outage is logged once, not once per request. */
	private final AtomicBoolean redisDown = new AtomicBoolean();

	RevocationCheckingJwtDecoder(ReactiveJwtDecoder decoder, ReactiveStringRedisTemplate redis, MeterRegistry meters) {
		this.decoder = decoder;
		this.redis = redis;
		this.valid = counter(meters, "valid");
		this.revoked = counter(meters, "revoked");
		this.unavailable = counter(meters, "unavailable");
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		return this.decoder.decode(token).flatMap(this::checkNotRevoked);
	}

	private Mono<Jwt> checkNotRevoked(Jwt jwt) {
		Instant issuedAt = jwt.getIssuedAt();
		return this.redis.opsForValue()
			.get(KEY_PREFIX + jwt.getSubject())
			.timeout(REDIS_TIMEOUT)
			.map((revokedBefore) -> issuedAt == null || issuedAt.getEpochSecond() <= Long.parseLong(revokedBefore))
			.defaultIfEmpty(false)
			.doOnNext((isRevoked) -> {
				if (this.redisDown.compareAndSet(true, false)) {
					logger.info("Redis answers again: access tokens are checked for revocations");
				}
			})
			.onErrorResume((ex) -> {
				this.unavailable.increment();
				if (this.redisDown.compareAndSet(false, true)) {
					logger.warn("Cannot check access-token revocations in Redis; until it answers, tokens are accepted "
							+ "on their signature and expiry alone: " + ex);
				}
				return Mono.empty();
			})
			.flatMap((isRevoked) -> {
				if (isRevoked) {
					this.revoked.increment();
					return Mono.error(new BadJwtException("The access token was revoked"));
				}
				this.valid.increment();
				return Mono.just(jwt);
			})
			.switchIfEmpty(Mono.just(jwt));
	}

	private static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder("zviewer.gateway.revocation.checks")
			.description("Access tokens checked against the revocations auth-service published")
			.tag("outcome", outcome)
			.register(meters);
	}

}
