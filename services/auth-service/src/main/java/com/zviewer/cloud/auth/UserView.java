package com.zviewer.cloud.auth;

import java.time.Instant;

/** An account as its owner and the administrators see it. */
public record UserView(long id, String email, String displayName, Role role, AccountStatus status, String statusReason,
		Instant createdAt, Instant updatedAt) {

	static UserView of(UserAccount user) {
		return new UserView(user.id(), user.email(), user.displayName(), user.role(), user.status(),
				user.statusReason(), user.createdAt(), user.updatedAt());
	}

	/** An account as everyone else sees it: no email, no status. */
	public record PublicProfile(long id, String displayName, Instant createdAt) {

		static PublicProfile of(UserAccount user) {
			return new PublicProfile(user.id(), user.displayName(), user.createdAt());
		}

	}

}
