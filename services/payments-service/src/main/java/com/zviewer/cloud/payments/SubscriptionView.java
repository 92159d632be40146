package com.zviewer.cloud.payments;

import java.time.Instant;

import com.zviewer.cloud.payments.Subscription.SubscriptionStatus;

/** A subscription as the API shows it. */
record SubscriptionView(long id, String userId, String planId, String planName, int price, Currency currency,
		String period, SubscriptionStatus status, boolean cancelAtPeriodEnd, Instant currentPeriodStart,
		Instant currentPeriodEnd, Instant createdAt, Instant updatedAt, Instant endedAt) {

	static SubscriptionView of(Subscription subscription) {
		return new SubscriptionView(subscription.id(), Long.toString(subscription.userId()), subscription.planId(),
				subscription.planName(), subscription.price(), subscription.currency(), subscription.period(),
				subscription.status(), subscription.cancelAtPeriodEnd(), subscription.currentPeriodStart(),
				subscription.currentPeriodEnd(), subscription.createdAt(), subscription.updatedAt(),
				subscription.endedAt());
	}

}
