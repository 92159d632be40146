package com.zviewer.cloud.payments;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see premium content: a user who bought the item (a COMPLETED payment for it, so not fully refunded) or who
 * has an ACTIVE subscription whose period has not ended.
 */
@Component
class Entitlements {

	private final JdbcClient jdbc;

	private final Clock clock;

	Entitlements(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Entitlement check(long userId, long mediaId) {
		boolean purchased = this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM payments WHERE user_id = :user AND media_id = :media "
					+ "AND status = 'COMPLETED')")
			.param("user", userId)
			.param("media", mediaId)
			.query(Boolean.class)
			.single();
		if (purchased) {
			return new Entitlement(mediaId, true, Reason.PURCHASE);
		}
		boolean subscribed = this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM subscriptions WHERE user_id = :user AND status = 'ACTIVE' "
					+ "AND current_period_end > :now)")
			.param("user", userId)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Boolean.class)
			.single();
		return subscribed ? new Entitlement(mediaId, true, Reason.SUBSCRIPTION) : new Entitlement(mediaId, false, null);
	}

	/** Why a user may see an item. */
	enum Reason {

		PURCHASE, SUBSCRIPTION

	}

	/** The answer: {@code {"mediaId":1,"entitled":true,"reason":"PURCHASE"}}. */
	record Entitlement(long mediaId, boolean entitled, Reason reason) {
	}

}
