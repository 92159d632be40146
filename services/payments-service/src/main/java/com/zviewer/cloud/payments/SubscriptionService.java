package com.zviewer.cloud.payments;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zviewer.cloud.payments.Payment.PaymentSource;
import com.zviewer.cloud.payments.Payment.PaymentStatus;
import com.zviewer.cloud.payments.PaymentsProperties.Plan;
import com.zviewer.cloud.payments.Subscription.SubscriptionStatus;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriptions: bought by charging the first period, cancelled at the end of the period, renewed by a job that
 * charges the user's default payment method when a period ends. Any number of replicas run the job: each claims one
 * due subscription at a time with {@code SELECT ... FOR UPDATE SKIP LOCKED} and holds its row lock until the renewal
 * is recorded. A failed renewal makes the subscription PAST_DUE (no access) and is tried again after
 * {@code zviewer.payments.subscriptions.retry-interval}; after {@code max-renewal-attempts} failures it is EXPIRED.
 */
@Service
class SubscriptionService {

	private static final Logger logger = LoggerFactory.getLogger(SubscriptionService.class);

	/** Most renewals one run of the job makes, so that a run ends. */
	private static final int MAX_PER_RUN = 1000;

	private final SubscriptionRepository subscriptions;

	private final PaymentService payments;

	private final PaymentMethodService methods;

	private final PaymentMethodRepository methodRepository;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PaymentsProperties properties;

	private final Clock clock;

	SubscriptionService(SubscriptionRepository subscriptions, PaymentService payments, PaymentMethodService methods,
			PaymentMethodRepository methodRepository, JdbcClient jdbc, TransactionTemplate transactions,
			PaymentsProperties properties, Clock clock) {
		this.subscriptions = subscriptions;
		this.payments = payments;
		this.methods = methods;
		this.methodRepository = methodRepository;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	List<Subscription> list(long userId) {
		return this.subscriptions.findByUserIdOrderByIdDesc(userId);
	}

	/**
	 * Subscribes the user to a plan, charging its first period to the given saved method (or the default one): the
	 * subscription exists only if the charge completes; a declined charge is recorded as a FAILED payment and answered
	 * with a 402 problem.
	 */
	Subscription subscribe(long userId, String planId, Long paymentMethodId) {
		Plan plan = this.properties.plan(planId).orElseThrow(() -> Problems.notFound("plan", planId));
		Object result = this.transactions.execute((transaction) -> {
			this.methods.lockUser(userId);
			boolean live = this.jdbc
				.sql("SELECT EXISTS (SELECT 1 FROM subscriptions WHERE user_id = :user AND plan_id = :plan "
						+ "AND status IN ('ACTIVE', 'PAST_DUE'))")
				.param("user", userId)
				.param("plan", planId)
				.query(Boolean.class)
				.single();
			if (live) {
				throw Problems.conflict("You already have a subscription to plan " + planId);
			}
			PaymentMethod method = (paymentMethodId != null) ? this.methods.owned(userId, paymentMethodId)
					: this.methodRepository.findDefault(userId)
						.orElseThrow(() -> Problems.conflict("You have no default payment method: add one first"));
			Instant now = this.clock.instant();
			Instant end = end(now, plan.getPeriod());
			Subscription subscription = this.subscriptions.save(new Subscription(null, userId, plan.getId(),
					plan.getName(), plan.getPrice(), plan.getCurrency(), plan.getPeriod().toString(),
					SubscriptionStatus.ACTIVE, false, now, end, 0, end, now, now, null));
			Payment payment = this.payments.charge(userId, plan.getPrice(), plan.getCurrency(),
					"Subscription: " + plan.getName(), null, subscription.id(), source(method), null, true);
			if (payment.status() != PaymentStatus.COMPLETED) {
				this.jdbc.sql("UPDATE payments SET subscription_id = NULL WHERE id = :id")
					.param("id", payment.id())
					.update();
				this.subscriptions.deleteById(subscription.id());
				return payment;
			}
			return subscription;
		});
		if (result instanceof Payment failed) {
			throw Problems.paymentDeclined("The first period's charge was declined: " + failed.failureReason(),
					Map.of("paymentId", failed.id(), "failureReason", String.valueOf(failed.failureReason())));
		}
		return (Subscription) result;
	}

	/**
	 * Cancels the caller's subscription: an ACTIVE one at the end of its period (it stays ACTIVE with
	 * {@code cancelAtPeriodEnd}), a PAST_DUE one at once. Cancelling again changes nothing.
	 */
	Subscription cancel(long id, Caller caller) {
		long userId = caller.requireUserId();
		Subscription subscription = this.subscriptions.findById(id)
			.filter((candidate) -> candidate.userId() == userId)
			.orElseThrow(() -> Problems.notFound("subscription", id));
		Timestamp now = Timestamp.from(this.clock.instant());
		if (subscription.status() == SubscriptionStatus.ACTIVE) {
			this.jdbc.sql("UPDATE subscriptions SET cancel_at_period_end = TRUE, updated_at = :now WHERE id = :id "
					+ "AND status = 'ACTIVE' AND NOT cancel_at_period_end")
				.param("now", now)
				.param("id", id)
				.update();
		}
		else if (subscription.status() == SubscriptionStatus.PAST_DUE) {
			this.jdbc.sql("UPDATE subscriptions SET status = 'CANCELLED', ended_at = :now, updated_at = :now "
					+ "WHERE id = :id AND status = 'PAST_DUE'")
				.param("now", now)
				.param("id", id)
				.update();
		}
		return this.subscriptions.findById(id).orElseThrow();
	}

	/** Renews, ends or expires every subscription that is due; run every minute by every replica. */
	@Scheduled(fixedDelayString = "${zviewer.payments.subscriptions.renewal-interval:PT1M}",
			initialDelayString = "${zviewer.payments.subscriptions.renewal-interval:PT1M}")
	void renewDue() {
		try {
			for (int i = 0; i < MAX_PER_RUN; i++) {
				if (!Boolean.TRUE.equals(this.transactions.execute((transaction) -> renewNext()))) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Renewing subscriptions failed, will try again: {}", ex.toString());
		}
	}

	/** Claims one due subscription (skipping those another replica holds) and renews it; false if none is due. */
	private boolean renewNext() {
		Instant now = this.clock.instant();
		Long id = this.jdbc
			.sql("SELECT id FROM subscriptions WHERE status IN ('ACTIVE', 'PAST_DUE') AND next_renewal_at <= :now "
					+ "ORDER BY next_renewal_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			return false;
		}
		Subscription subscription = this.subscriptions.findById(id).orElseThrow();
		if (subscription.status() == SubscriptionStatus.ACTIVE && subscription.cancelAtPeriodEnd()) {
			update(id, SubscriptionStatus.CANCELLED, subscription.currentPeriodStart(),
					subscription.currentPeriodEnd(), subscription.renewalAttempts(), subscription.nextRenewalAt(),
					subscription.currentPeriodEnd(), now);
			return true;
		}
		int attempt = subscription.renewalAttempts() + 1;
		Payment payment = this.methodRepository.findDefault(subscription.userId())
			.map((method) -> this.payments.charge(subscription.userId(), subscription.price(),
					subscription.currency(), "Renewal: " + subscription.planName(), null, id, source(method),
					"renewal:" + id + ":" + subscription.currentPeriodEnd().toEpochMilli() + ":" + attempt, true))
			.orElseGet(() -> this.payments.charge(subscription.userId(), subscription.price(),
					subscription.currency(), "Renewal: " + subscription.planName(), null, id,
					new PaymentSource(null, null, null, null), null, true));
		if (payment.status() == PaymentStatus.COMPLETED) {
			Period period = Period.parse(subscription.period());
			Instant start = (subscription.status() == SubscriptionStatus.ACTIVE) ? subscription.currentPeriodEnd()
					: now;
			Instant end = end(start, period);
			if (!end.isAfter(now)) {
				start = now;
				end = end(now, period);
			}
			update(id, SubscriptionStatus.ACTIVE, start, end, 0, end, null, now);
		}
		else if (attempt >= this.properties.getSubscriptions().getMaxRenewalAttempts()) {
			update(id, SubscriptionStatus.EXPIRED, subscription.currentPeriodStart(), subscription.currentPeriodEnd(),
					attempt, subscription.nextRenewalAt(), now, now);
		}
		else {
			update(id, SubscriptionStatus.PAST_DUE, subscription.currentPeriodStart(),
					subscription.currentPeriodEnd(), attempt,
					now.plus(this.properties.getSubscriptions().getRetryInterval()), null, now);
		}
		logger.info("Subscription {} renewal: payment {} {}", id, payment.id(), payment.status());
		return true;
	}

	private void update(long id, SubscriptionStatus status, Instant start, Instant end, int attempts,
			Instant nextRenewal, Instant endedAt, Instant now) {
		this.jdbc.sql("""
				UPDATE subscriptions SET status = :status, current_period_start = :start, current_period_end = :end,
				    renewal_attempts = :attempts, next_renewal_at = :next, ended_at = :ended, updated_at = :now
				WHERE id = :id
				""")
			.param("status", status.name())
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("attempts", attempts)
			.param("next", Timestamp.from(nextRenewal))
			.param("ended", (endedAt != null) ? Timestamp.from(endedAt) : null, Types.TIMESTAMP)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	private static PaymentSource source(PaymentMethod method) {
		return new PaymentSource(method.id(), method.providerToken(), method.brand(), method.last4());
	}

	/** The end of a period starting at the given time, counted in UTC calendar days and months. */
	static Instant end(Instant start, Period period) {
		return start.atZone(ZoneOffset.UTC).plus(period).toInstant();
	}

}
