package com.zviewer.cloud.admin.payments;

import java.time.Instant;

/**
 * A refund as payments-service answers it.
 *
 * @param id the refund's id
 * @param paymentId the payment refunded
 * @param amount how much, in cents
 * @param reason why
 * @param createdAt when it was made
 */
record RefundView(long id, long paymentId, long amount, String reason, Instant createdAt) {

}
