package com.zviewer.cloud.payments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zviewer.cloud.payments.Payment.PaymentSource;
import com.zviewer.cloud.payments.Payment.PaymentStatus;
import com.zviewer.cloud.payments.PaymentProvider.CardToken;
import com.zviewer.cloud.payments.PaymentProvider.Charge;
import com.zviewer.cloud.payments.PaymentProvider.ChargeResult;
import com.zviewer.cloud.payments.PaymentProvider.WebhookEvent;
import com.zviewer.cloud.starter.outbox.Outbox;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments: charging through the provider, the second step, cancellation, refunds and the provider's webhooks. Every
 * change of a payment's status is a conditional update on its current status (and a refund one on what is left to
 * refund), so that concurrent requests, webhooks and replicas cannot apply a change twice or to a payment in another
 * state; a completion or refund writes its event to the outbox in the same transaction.
 */
@Service
class PaymentService {

	private static final Logger logger = LoggerFactory.getLogger(PaymentService.class);

	private final PaymentRepository payments;

	private final RefundRepository refunds;

	private final PaymentMethodService methods;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PaymentProvider provider;

	private final List<PaymentProvider> providers;

	private final Outbox outbox;

	private final Clock clock;

	PaymentService(PaymentRepository payments, RefundRepository refunds, PaymentMethodService methods, JdbcClient jdbc,
			TransactionTemplate transactions, PaymentProvider provider, List<PaymentProvider> providers, Outbox outbox,
			Clock clock) {
		this.payments = payments;
		this.refunds = refunds;
		this.methods = methods;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.provider = provider;
		this.providers = providers;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** The payment, if the caller may see it (owner, moderators, admins); others' are as unknown as missing ones. */
	Payment get(long id, Caller caller) {
		return this.payments.findById(id)
			.filter((payment) -> payment.isVisibleTo(caller))
			.orElseThrow(() -> Problems.notFound("payment", id));
	}

	/** Newest first: the caller's own, or anyone's (filtered by user) for staff. */
	Page<Payment> list(Caller caller, Long userId, PaymentStatus status, int page, int size) {
		long owner = caller.requireUserId();
		if (!caller.isStaff()) {
			if (userId != null && userId != owner) {
				throw Problems.forbidden("Only moderators and admins see the payments of others");
			}
			userId = owner;
		}
		PageRequest pageable = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
		if (userId != null) {
			return (status != null) ? this.payments.findByUserIdAndStatus(userId, status, pageable)
					: this.payments.findByUserId(userId, pageable);
		}
		return (status != null) ? this.payments.findByStatus(status, pageable) : this.payments.findAll(pageable);
	}

	/** What a request charges: a saved method of the user, or a card tokenized now. */
	PaymentSource source(long userId, Long paymentMethodId, CardDetails card) {
		if ((paymentMethodId == null) == (card == null)) {
			throw Problems.badRequest("Pay with either a saved paymentMethodId or a card, not both nor neither");
		}
		if (paymentMethodId != null) {
			PaymentMethod method = this.methods.owned(userId, paymentMethodId);
			return new PaymentSource(method.id(), method.providerToken(), method.brand(), method.last4());
		}
		card.checkNotExpired(this.clock);
		CardToken token = this.provider.tokenize(card);
		return new PaymentSource(null, token.token(), token.brand(), token.last4());
	}

	/**
	 * Inserts a payment and charges it, in the caller's transaction: COMPLETED (announced), FAILED with the decline
	 * reason (or {@code no_payment_method} for a source without a token), or REQUIRES_ACTION.
	 */
	Payment charge(long userId, int amount, Currency currency, String description, Long mediaId,
			Long subscriptionId, PaymentSource source, String idempotencyKey, boolean offSession) {
		Payment payment = this.payments.save(Payment.pending(userId, amount, currency, description, mediaId,
				subscriptionId, source, this.provider.name(), this.clock.instant()));
		if (source.token() == null) {
			fail(payment.id(), "no_payment_method");
			return reload(payment.id());
		}
		ChargeResult result = this.provider.charge(new Charge(source.token(), amount, currency, description,
				(idempotencyKey != null) ? idempotencyKey : "payment:" + payment.id(), offSession));
		this.jdbc.sql("UPDATE payments SET provider_payment_id = :providerId WHERE id = :id")
			.param("providerId", result.providerPaymentId())
			.param("id", payment.id())
			.update();
		switch (result.outcome()) {
			case SUCCEEDED -> complete(payment.id(), PaymentStatus.PENDING);
			case DECLINED -> fail(payment.id(), result.failureReason());
			case REQUIRES_ACTION -> this.jdbc
				.sql("UPDATE payments SET status = 'REQUIRES_ACTION', updated_at = :now WHERE id = :id "
						+ "AND status = 'PENDING'")
				.param("now", Timestamp.from(now()))
				.param("id", payment.id())
				.update();
		}
		return reload(payment.id());
	}

	/** Completes the second step of a payment that requires it (its owner). */
	Payment confirm(long id, Caller caller) {
		Payment payment = owned(id, caller);
		if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
			throw Problems.conflict("Payment " + id + " is " + payment.status() + "; only a payment that "
					+ "REQUIRES_ACTION can be confirmed");
		}
		ChargeResult result = this.provider.confirm(payment.providerPaymentId());
		return this.transactions.execute((transaction) -> {
			boolean changed = switch (result.outcome()) {
				case SUCCEEDED -> complete(id, PaymentStatus.REQUIRES_ACTION);
				case DECLINED -> failFrom(id, result.failureReason(), PaymentStatus.REQUIRES_ACTION);
				case REQUIRES_ACTION -> true;
			};
			if (!changed) {
				throw Problems.conflict("Payment " + id + " changed meanwhile; it is " + reload(id).status());
			}
			return reload(id);
		});
	}

	/** Cancels a payment not yet completed (its owner). */
	Payment cancel(long id, Caller caller) {
		Payment payment = owned(id, caller);
		return this.transactions.execute((transaction) -> {
			int changed = this.jdbc
				.sql("UPDATE payments SET status = 'CANCELLED', updated_at = :now WHERE id = :id "
						+ "AND status IN ('PENDING', 'REQUIRES_ACTION')")
				.param("now", Timestamp.from(now()))
				.param("id", id)
				.update();
			if (changed == 0) {
				throw Problems.conflict("Payment " + id + " is " + reload(id).status()
						+ "; only a PENDING or REQUIRES_ACTION payment can be cancelled");
			}
			if (payment.providerPaymentId() != null) {
				this.provider.cancel(payment.providerPaymentId());
			}
			return reload(id);
		});
	}

	/**
	 * Refunds part of a completed payment, in the caller's (idempotent) transaction: the payment's row is updated only
	 * if the amount fits in what is left to refund, which also locks it until the refund is recorded.
	 */
	Refund refund(long paymentId, Caller caller, int amount, String reason, String idempotencyKey) {
		Payment payment = get(paymentId, caller);
		if (!addRefunded(paymentId, amount)) {
			Payment current = reload(paymentId);
			if (current.status() != PaymentStatus.COMPLETED) {
				throw Problems.conflict("Payment " + paymentId + " is " + current.status()
						+ "; only a COMPLETED payment can be refunded");
			}
			throw Problems.conflict("A refund of " + amount + " exceeds what is left to refund of payment "
					+ paymentId + ": " + (current.amount() - current.refundedAmount()));
		}
		String providerRefundId = this.provider.refund(payment.providerPaymentId(), amount,
				"refund:" + caller.requireUserId() + ":" + idempotencyKey);
		return recordRefund(paymentId, amount, reason, providerRefundId, caller.requireUserId());
	}

	List<Refund> refunds(long paymentId, Caller caller) {
		get(paymentId, caller);
		return this.refunds.findByPaymentIdOrderById(paymentId);
	}

	/**
	 * Applies a verified webhook event once: its id is recorded in the same transaction, so a replayed event changes
	 * nothing. Events about unknown payments, or that do not apply to the payment's state, are recorded as IGNORED.
	 */
	WebhookOutcome webhook(String providerName, WebhookEvent event) {
		return this.transactions.execute((transaction) -> {
			int recorded = this.jdbc
				.sql("INSERT INTO webhook_events (provider, event_id, event_type, outcome) "
						+ "VALUES (:provider, :id, :type, 'PROCESSING') ON CONFLICT DO NOTHING")
				.param("provider", providerName)
				.param("id", event.id())
				.param("type", event.type())
				.update();
			if (recorded == 0) {
				return WebhookOutcome.DUPLICATE;
			}
			WebhookOutcome outcome = apply(providerName, event);
			this.jdbc.sql("UPDATE webhook_events SET outcome = :outcome WHERE provider = :provider AND event_id = :id")
				.param("outcome", outcome.name())
				.param("provider", providerName)
				.param("id", event.id())
				.update();
			logger.info("Webhook event {} ({}) of {}: {}", event.id(), event.type(), providerName, outcome);
			return outcome;
		});
	}

	private WebhookOutcome apply(String providerName, WebhookEvent event) {
		Payment payment = (event.providerPaymentId() != null) ? this.jdbc
			.sql("SELECT id FROM payments WHERE provider = :provider AND provider_payment_id = :providerId")
			.param("provider", providerName)
			.param("providerId", event.providerPaymentId())
			.query(Long.class)
			.optional()
			.flatMap(this.payments::findById)
			.orElse(null) : null;
		if (payment == null) {
			return WebhookOutcome.IGNORED;
		}
		boolean applied = switch (event.type()) {
			case WebhookEvent.PAYMENT_SUCCEEDED ->
				complete(payment.id(), PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION);
			case WebhookEvent.PAYMENT_FAILED -> failFrom(payment.id(),
					(event.failureReason() != null) ? abbreviate(event.failureReason()) : "failed",
					PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION);
			case WebhookEvent.REFUND_SUCCEEDED -> event.refundId() != null && event.amount() != null
					&& event.amount() > 0 && this.refunds.findByProviderRefundId(event.refundId()).isEmpty()
					&& addRefunded(payment.id(), event.amount()) && recordRefund(payment.id(), event.amount(),
							(event.reason() != null) ? abbreviate(event.reason()) : null, event.refundId(),
							null) != null;
			default -> false;
		};
		return applied ? WebhookOutcome.PROCESSED : WebhookOutcome.IGNORED;
	}

	Payment reload(long id) {
		return this.payments.findById(id).orElseThrow(() -> Problems.notFound("payment", id));
	}

	/** Completes a payment in one of the given states and announces it; false if it was in none. */
	boolean complete(long id, PaymentStatus... from) {
		Instant now = now();
		int changed = this.jdbc
			.sql("UPDATE payments SET status = 'COMPLETED', completed_at = :now, updated_at = :now WHERE id = :id "
					+ "AND status IN (:from)")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("from", names(from))
			.update();
		if (changed == 1) {
			this.outbox.add(PaymentCompleted.EXCHANGE, PaymentCompleted.ROUTING_KEY, PaymentCompleted.of(reload(id)));
		}
		return changed == 1;
	}

	/** Marks a pending payment FAILED. */
	void fail(long id, String reason) {
		failFrom(id, reason, PaymentStatus.PENDING);
	}

	private boolean failFrom(long id, String reason, PaymentStatus... from) {
		return this.jdbc
			.sql("UPDATE payments SET status = 'FAILED', failure_reason = :reason, updated_at = :now WHERE id = :id "
					+ "AND status IN (:from)")
			.param("reason", reason)
			.param("now", Timestamp.from(now()))
			.param("id", id)
			.param("from", names(from))
			.update() == 1;
	}

	/** Adds to the refunded amount of a completed payment if it fits, REFUNDED when it reaches the amount. */
	private boolean addRefunded(long id, int amount) {
		return this.jdbc.sql("""
				UPDATE payments SET refunded_amount = refunded_amount + CAST(:amount AS bigint),
				    status = CASE WHEN refunded_amount + CAST(:amount AS bigint) = amount THEN 'REFUNDED' ELSE status END,
				    updated_at = :now
				WHERE id = :id AND status = 'COMPLETED' AND refunded_amount + CAST(:amount AS bigint) <= amount
				""").param("amount", amount).param("now", Timestamp.from(now())).param("id", id).update() == 1;
	}

	private Refund recordRefund(long paymentId, int amount, String reason, String providerRefundId, Long by) {
		Refund refund = this.refunds
			.save(new Refund(null, paymentId, amount, reason, providerRefundId, by, this.clock.instant()));
		Payment payment = reload(paymentId);
		this.outbox.add(PaymentCompleted.EXCHANGE, PaymentRefunded.ROUTING_KEY,
				new PaymentRefunded(paymentId, refund.id(), payment.userId(), amount, payment.refundedAmount(),
						payment.currency(), payment.mediaId(), payment.status() == PaymentStatus.REFUNDED,
						refund.createdAt()));
		return refund;
	}

	/** The caller's own payment; others' are 404 (staff see them, but only the owner confirms or cancels). */
	private Payment owned(long id, Caller caller) {
		Payment payment = get(id, caller);
		if (!caller.is(payment.userId())) {
			throw Problems.forbidden("Only the owner of payment " + id + " may do this");
		}
		return payment;
	}

	PaymentProvider provider(String name) {
		return this.providers.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> Problems.notFound("payment provider", name));
	}

	private Instant now() {
		return this.clock.instant();
	}

	private static List<String> names(PaymentStatus... statuses) {
		return Arrays.stream(statuses).map(Enum::name).toList();
	}

	private static String abbreviate(String text) {
		return (text.length() > 500) ? text.substring(0, 500) : text;
	}

	/** What became of a webhook event. */
	enum WebhookOutcome {

		PROCESSED, IGNORED, DUPLICATE

	}

}
