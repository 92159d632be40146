package com.zviewer.cloud.payments;

import java.time.Instant;

import com.zviewer.cloud.payments.Payment.PaymentStatus;

/** A payment as the API shows it (the shared contract's payment JSON). */
record PaymentView(long id, String userId, int amount, Currency currency, PaymentStatus status, int refundedAmount,
		String description, Long mediaId, Long subscriptionId, String failureReason, Instant createdAt,
		Instant updatedAt) {

	static PaymentView of(Payment payment) {
		return new PaymentView(payment.id(), Long.toString(payment.userId()), payment.amount(), payment.currency(),
				payment.status(), payment.refundedAmount(), payment.description(), payment.mediaId(),
				payment.subscriptionId(), payment.failureReason(), payment.createdAt(), payment.updatedAt());
	}

}
