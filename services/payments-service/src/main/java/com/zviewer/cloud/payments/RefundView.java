package com.zviewer.cloud.payments;

import java.time.Instant;

/** A refund as the API shows it (the shared contract's refund JSON). */
record RefundView(long id, long paymentId, int amount, String reason, Instant createdAt) {

	static RefundView of(Refund refund) {
		return new RefundView(refund.id(), refund.paymentId(), refund.amount(), refund.reason(), refund.createdAt());
	}

}
