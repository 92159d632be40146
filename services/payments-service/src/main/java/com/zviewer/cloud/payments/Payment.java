package com.zviewer.cloud.payments;

import java.time.Instant;

import com.zviewer.cloud.starter.security.Caller;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A charge of a user, for premium content ({@code mediaId}), a subscription period ({@code subscriptionId}) or
 * anything else. Inserted as PENDING before the provider is asked; afterwards each change of status is a conditional
 * update (see {@link PaymentService}), so that concurrent requests, webhooks and jobs never overwrite each other.
 */
@Table("payments")
record Payment(@Id Long id, long userId, int amount, Currency currency, PaymentStatus status, int refundedAmount,
		String description, Long mediaId, Long subscriptionId, Long paymentMethodId, String cardBrand,
		String cardLast4, String provider, String providerPaymentId, String failureReason, Instant createdAt,
		Instant updatedAt, Instant completedAt) {

	/**
	 * PENDING until the provider answers; REQUIRES_ACTION while a second step is awaited; COMPLETED once charged;
	 * FAILED when declined; CANCELLED by its owner before it completed; REFUNDED once refunded in full.
	 */
	enum PaymentStatus {

		PENDING, REQUIRES_ACTION, COMPLETED, FAILED, CANCELLED, REFUNDED

	}

	static Payment pending(long userId, int amount, Currency currency, String description, Long mediaId,
			Long subscriptionId, PaymentSource source, String provider, Instant now) {
		return new Payment(null, userId, amount, currency, PaymentStatus.PENDING, 0, description, mediaId,
				subscriptionId, source.paymentMethodId(), source.brand(), source.last4(), provider, null, null, now,
				now, null);
	}

	boolean isVisibleTo(Caller caller) {
		return caller.is(this.userId) || caller.isStaff();
	}

	/** What is charged: a saved method or a card just tokenized, as the provider's token. */
	record PaymentSource(Long paymentMethodId, String token, String brand, String last4) {
	}

}
