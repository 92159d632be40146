package com.zviewer.cloud.payments;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A user's subscription to a plan, at the plan's price and period when it was bought. ACTIVE while paid (with
 * {@code cancelAtPeriodEnd} it ends at the end of the period, becoming CANCELLED); PAST_DUE after a failed renewal
 * (no access; retried); EXPIRED once the renewal attempts are used up; CANCELLED once ended by its owner.
 */
@Table("subscriptions")
record Subscription(@Id Long id, long userId, String planId, String planName, int price, Currency currency,
		String period, SubscriptionStatus status, boolean cancelAtPeriodEnd, Instant currentPeriodStart,
		Instant currentPeriodEnd, int renewalAttempts, Instant nextRenewalAt, Instant createdAt, Instant updatedAt,
		Instant endedAt) {

	enum SubscriptionStatus {

		ACTIVE, PAST_DUE, CANCELLED, EXPIRED

	}

}
