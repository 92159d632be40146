package com.zviewer.cloud.auth;

import java.time.Instant;

/**
 * Announced on RabbitMQ when an administrator changes the status of an account (not when it stays the same): JSON on
 * the topic exchange {@value #EXCHANGE} with routing key {@value #BANNED_ROUTING_KEY},
 * {@value #SUSPENDED_ROUTING_KEY} or {@value #ACTIVATED_ROUTING_KEY} after the new status, persistent, its message id
 * the event's id. Delivered at least once: a consumer may see an event twice.
 *
 * @param userId the account
 * @param status its new status
 * @param reason why it is suspended or banned; {@code null} when it is active again
 * @param changedAt when the status changed
 */
record UserStatusChanged(long userId, AccountStatus status, String reason, Instant changedAt) {

	static final String EXCHANGE = "zviewer.users";

	static final String BANNED_ROUTING_KEY = "user.banned";

	static final String SUSPENDED_ROUTING_KEY = "user.suspended";

	static final String ACTIVATED_ROUTING_KEY = "user.activated";

	static UserStatusChanged of(UserAccount user) {
		return new UserStatusChanged(user.id(), user.status(), user.statusReason(), user.updatedAt());
	}

	/** The routing key of the new status. */
	String routingKey() {
		return switch (this.status) {
			case ACTIVE -> ACTIVATED_ROUTING_KEY;
			case SUSPENDED -> SUSPENDED_ROUTING_KEY;
			case BANNED -> BANNED_ROUTING_KEY;
		};
	}

}
