package com.zviewer.cloud.auth;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An account. The password is kept only as an adaptive hash; answers never carry it (see {@link UserView}). */
@Table("users")
public record UserAccount(@Id Long id, String email, String displayName, String passwordHash, Role role,
		AccountStatus status, String statusReason, Instant createdAt, Instant updatedAt) {

	static UserAccount create(String email, String displayName, String passwordHash, Role role) {
		Instant now = Instant.now();
		return new UserAccount(null, email, displayName, passwordHash, role, AccountStatus.ACTIVE, null, now, now);
	}

	UserAccount withDisplayName(String displayName) {
		return new UserAccount(this.id, this.email, displayName, this.passwordHash, this.role, this.status,
				this.statusReason, this.createdAt, Instant.now());
	}

	UserAccount withPasswordHash(String passwordHash) {
		return new UserAccount(this.id, this.email, this.displayName, passwordHash, this.role, this.status,
				this.statusReason, this.createdAt, Instant.now());
	}

	UserAccount withRole(Role role) {
		return new UserAccount(this.id, this.email, this.displayName, this.passwordHash, role, this.status,
				this.statusReason, this.createdAt, Instant.now());
	}

	UserAccount withStatus(AccountStatus status, String reason) {
		return new UserAccount(this.id, this.email, this.displayName, this.passwordHash, this.role, status, reason,
				this.createdAt, Instant.now());
	}

	boolean active() {
		return this.status == AccountStatus.ACTIVE;
	}

}
