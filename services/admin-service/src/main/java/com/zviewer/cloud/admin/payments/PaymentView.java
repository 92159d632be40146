package com.zviewer.cloud.admin.payments;

import java.time.Instant;

/**
 * A payment as payments-service shows it to staff, passed on as it is. The status is kept as text so that a value
 * added in payments-service does not break listing here.
 *
 * @param id the payment's id
 * @param userId who pays
 * @param amount the amount in the currency's smallest unit (cents)
 * @param currency the ISO 4217 code
 * @param status {@code PENDING}, {@code REQUIRES_ACTION}, {@code COMPLETED}, {@code FAILED}, {@code CANCELLED} or
 * {@code REFUNDED}
 * @param refundedAmount how much of it has been refunded, in cents
 * @param description what it is for
 * @param mediaId the media item it pays for, if any
 * @param subscriptionId the subscription it pays for, if any
 * @param failureReason why it failed, if it did
 * @param createdAt when it was made
 * @param updatedAt when it last changed
 */
record PaymentView(long id, String userId, long amount, String currency, String status, long refundedAmount,
		String description, Long mediaId, Long subscriptionId, String failureReason, Instant createdAt,
		Instant updatedAt) {

	/** How a payment appears as the target of an audit entry: {@code payment:<id>}. */
	static String target(long id) {
		return "payment:" + id;
	}

}
