package com.zviewer.cloud.payments;

import java.time.Instant;

import org.springframework.http.HttpHeaders;

/**
 * What payments-service needs of a payment provider. {@link SandboxProvider} is built in, so the system runs with no
 * external account; a real provider implements the same operations (its token, payment and refund ids are opaque
 * strings to the rest of the service) and verifies its own webhooks.
 */
interface PaymentProvider {

	/** The provider's name, stored with what it made and naming its webhook path. */
	String name();

	/**
	 * Exchanges card details for a reusable token; the details are not kept. Throws a 400 problem if the provider
	 * refuses the card outright.
	 */
	CardToken tokenize(CardDetails card);

	/**
	 * Charges a token. The idempotency key makes a repeated charge (after a lost answer) return the first one's
	 * result. Off-session charges (renewals) cannot ask the customer for a second step and are declined instead.
	 */
	ChargeResult charge(Charge charge);

	/** Completes the second step of a charge that required it. */
	ChargeResult confirm(String providerPaymentId);

	/** Abandons a charge not yet completed. */
	void cancel(String providerPaymentId);

	/** Gives back part or all of a completed charge; the provider's refund id. */
	String refund(String providerPaymentId, int amount, String idempotencyKey);

	/**
	 * Verifies the signature of a webhook and reads it; throws a 400 problem for one that is unsigned, badly signed,
	 * too old or unreadable.
	 */
	WebhookEvent verifyWebhook(HttpHeaders headers, byte[] body);

	/** A card as the provider keeps it. */
	record CardToken(String token, String brand, String last4) {
	}

	/** A charge to make. */
	record Charge(String token, int amount, Currency currency, String description, String idempotencyKey,
			boolean offSession) {
	}

	/** The provider's answer to a charge. */
	record ChargeResult(Outcome outcome, String providerPaymentId, String failureReason) {

		enum Outcome {

			SUCCEEDED, DECLINED, REQUIRES_ACTION

		}

	}

	/**
	 * A verified webhook event: {@code payment.succeeded}, {@code payment.failed} (with a failure reason) or
	 * {@code refund.succeeded} (with the refund's id, amount and reason), about a payment of the provider.
	 */
	record WebhookEvent(String id, String type, Instant created, String providerPaymentId, String refundId,
			Integer amount, String failureReason, String reason) {

		static final String PAYMENT_SUCCEEDED = "payment.succeeded";

		static final String PAYMENT_FAILED = "payment.failed";

		static final String REFUND_SUCCEEDED = "refund.succeeded";

	}

}
