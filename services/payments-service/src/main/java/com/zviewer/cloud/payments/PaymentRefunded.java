package com.zviewer.cloud.payments;

import java.time.Instant;

/**
 * Announced on RabbitMQ when (part of) a payment is refunded: JSON on the topic exchange
 * {@value PaymentCompleted#EXCHANGE} with routing key {@value #ROUTING_KEY}, persistent, its message id the event's
 * id. Delivered at least once.
 *
 * @param paymentId the payment
 * @param refundId the refund
 * @param userId who had paid
 * @param amount refunded now, in cents
 * @param refundedAmount refunded in all so far
 * @param currency its currency
 * @param mediaId the premium content it bought, if any
 * @param fullyRefunded whether nothing is left (the payment is REFUNDED and grants nothing any more)
 * @param refundedAt when
 */
record PaymentRefunded(long paymentId, long refundId, long userId, int amount, int refundedAmount,
		Currency currency, Long mediaId, boolean fullyRefunded, Instant refundedAt) {

	static final String ROUTING_KEY = "payment.refunded";

}
