package com.zviewer.cloud.payments;

import java.time.Instant;

/**
 * Announced on RabbitMQ when a payment completes: JSON on the topic exchange {@value #EXCHANGE} with routing key
 * {@value #ROUTING_KEY}, persistent, its message id the event's id. Delivered at least once.
 *
 * @param paymentId the payment
 * @param userId who paid
 * @param amount in cents
 * @param currency its currency
 * @param mediaId the premium content bought, if any
 * @param subscriptionId the subscription whose period it pays, if any
 * @param completedAt when it completed
 */
record PaymentCompleted(long paymentId, long userId, int amount, Currency currency, Long mediaId,
		Long subscriptionId, Instant completedAt) {

	static final String EXCHANGE = "zviewer.payments";

	static final String ROUTING_KEY = "payment.completed";

	static PaymentCompleted of(Payment payment) {
		return new PaymentCompleted(payment.id(), payment.userId(), payment.amount(), payment.currency(),
				payment.mediaId(), payment.subscriptionId(), payment.completedAt());
	}

}
