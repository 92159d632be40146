package com.zviewer.cloud.auth;

import java.time.Duration;
import java.time.Instant;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes the access tokens a user already holds stop working before they expire (on a ban, a suspension, a role or
 * password change): the time is written to Redis under {@value #KEY_PREFIX}{user id}, and the gateway refuses any
 * token of that user issued at or before it. The entry lives as long as an access token, after which every token it
 * covers has expired anyway. If Redis cannot be written the change fails, so that no one is told a ban took effect
 * when it has not.
 */
@Component
class AccessRevocations {

	/** Shared with the gateway. */
	static final String KEY_PREFIX = "zviewer:auth:revoked-before:";

	private final StringRedisTemplate redis;

	private final AuthProperties properties;

	AccessRevocations(StringRedisTemplate redis, AuthProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	void revokeIssuedUntilNow(long userId) {
		Duration lifetime = this.properties.getAccessTokenTtl().plus(Duration.ofMinutes(1));
		this.redis.opsForValue()
			.set(KEY_PREFIX + userId, Long.toString(Instant.now().getEpochSecond()), lifetime);
	}

}
