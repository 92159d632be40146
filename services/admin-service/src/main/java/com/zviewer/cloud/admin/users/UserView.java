package com.zviewer.cloud.admin.users;

import java.time.Instant;
import java.util.List;

import org.springframework.data.web.PagedModel;

/**
 * An account as auth-service's internal API shows it to administrators, passed on as it is. Role and status are kept as
 * text so that a value added in auth-service does not break listing here.
 *
 * @param id the user id (the subject of the user's access tokens)
 * @param email the sign-in email
 * @param displayName the name others see
 * @param role {@code USER}, {@code MODERATOR} or {@code ADMIN}
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code BANNED}
 * @param statusReason why the account is suspended or banned
 * @param createdAt when the account was created
 * @param updatedAt when it last changed
 */
record UserView(long id, String email, String displayName, String role, String status, String statusReason,
		Instant createdAt, Instant updatedAt) {

	/** How an account appears as the target of an audit entry: {@code user:<id>}. */
	static String target(long id) {
		return "user:" + id;
	}

	/**
	 * A page of accounts, in the shape of Spring Data's {@link PagedModel} as auth-service answers it.
	 *
	 * @param content the accounts on this page
	 * @param page where this page is among all
	 */
	record Page(List<UserView> content, PagedModel.PageMetadata page) {

	}

}
