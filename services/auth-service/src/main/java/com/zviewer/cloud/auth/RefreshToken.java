package com.zviewer.cloud.auth;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A refresh token, stored as the SHA-256 hash of its value. See the V2 migration for families and rotation. The id is
 * made here, so new tokens are written with {@code JdbcAggregateTemplate.insert}.
 */
@Table("refresh_tokens")
record RefreshToken(@Id UUID id, long userId, UUID familyId, String tokenHash, Instant createdAt, Instant expiresAt,
		Instant replacedAt, Instant revokedAt) {

	static RefreshToken issue(long userId, UUID familyId, String tokenHash, Instant expiresAt) {
		return new RefreshToken(UUID.randomUUID(), userId, familyId, tokenHash, Instant.now(), expiresAt, null, null);
	}

	boolean usable(Instant now) {
		return this.replacedAt == null && this.revokedAt == null && this.expiresAt.isAfter(now);
	}

}
