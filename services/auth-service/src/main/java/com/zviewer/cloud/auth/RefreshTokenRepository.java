package com.zviewer.cloud.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface RefreshTokenRepository extends Repository<RefreshToken, UUID> {

	@Query("SELECT * FROM refresh_tokens WHERE token_hash = :tokenHash FOR UPDATE")
	Optional<RefreshToken> findByTokenHashForUpdate(String tokenHash);

	/** Marks a token used; false if another request used it first. */
	@Modifying
	@Query("UPDATE refresh_tokens SET replaced_at = :at WHERE id = :id AND replaced_at IS NULL AND revoked_at IS NULL")
	boolean markReplaced(UUID id, Instant at);

	@Modifying
	@Query("UPDATE refresh_tokens SET revoked_at = :at WHERE family_id = :familyId AND revoked_at IS NULL")
	int revokeFamily(UUID familyId, Instant at);

	@Modifying
	@Query("UPDATE refresh_tokens SET revoked_at = :at WHERE user_id = :userId AND revoked_at IS NULL")
	int revokeAllOf(long userId, Instant at);

	@Modifying
	@Query("DELETE FROM refresh_tokens WHERE expires_at < :before")
	int deleteExpiredBefore(Instant before);

}
