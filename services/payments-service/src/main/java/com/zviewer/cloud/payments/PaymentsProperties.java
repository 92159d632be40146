package com.zviewer.cloud.payments;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of payments-service, from config-repo/payments-service.yml. A mutable bean, so that a change announced on
 * the bus rebinds it in place on every replica: plans, the webhook secret and tolerance, the renewal retries and the
 * limits apply to the next request or job run. The intervals of the background jobs are read once, at start.
 */
@Validated
@ConfigurationProperties("zviewer.payments")
public class PaymentsProperties {

	/** Subscription plans offered; a plan removed here keeps its subscriptions, at the price they were bought. */
	@Valid
	private List<Plan> plans = new ArrayList<>();

	@Valid
	private final Sandbox sandbox = new Sandbox();

	@Valid
	private final Subscriptions subscriptions = new Subscriptions();

	@Valid
	private final Methods methods = new Methods();

	@Valid
	private final Idempotency idempotency = new Idempotency();

	public List<Plan> getPlans() {
		return this.plans;
	}

	public void setPlans(List<Plan> plans) {
		this.plans = plans;
	}

	public Sandbox getSandbox() {
		return this.sandbox;
	}

	public Subscriptions getSubscriptions() {
		return this.subscriptions;
	}

	public Methods getMethods() {
		return this.methods;
	}

	public Idempotency getIdempotency() {
		return this.idempotency;
	}

	Optional<Plan> plan(String id) {
		return this.plans.stream().filter((plan) -> plan.getId().equals(id)).findFirst();
	}

	/** A subscription plan: what a period costs. */
	public static class Plan {

		@NotBlank
		@Pattern(regexp = "[a-z0-9-]{1,50}")
		private String id;

		@NotBlank
		private String name;

		/** Price of one period, in cents. */
		@Min(50)
		@Max(100000)
		private int price;

		@NotNull
		private Currency currency;

		/** Length of a period, an ISO-8601 period such as P1M or P1Y. */
		@NotNull
		private Period period = Period.ofMonths(1);

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public int getPrice() {
			return this.price;
		}

		public void setPrice(int price) {
			this.price = price;
		}

		public Currency getCurrency() {
			return this.currency;
		}

		public void setCurrency(Currency currency) {
			this.currency = currency;
		}

		public Period getPeriod() {
			return this.period;
		}

		public void setPeriod(Period period) {
			this.period = period;
		}

	}

	/** The built-in sandbox provider. */
	public static class Sandbox {

		/**
		 * Secret that signs the sandbox's webhooks (HMAC-SHA256). Empty: every webhook is refused, as none can be
		 * verified.
		 */
		private String webhookSecret = "";

		/** How far a webhook's signed timestamp may be from now (either way) to be accepted. */
		@NotNull
		private Duration webhookTolerance = Duration.ofSeconds(300);

		public String getWebhookSecret() {
			return this.webhookSecret;
		}

		public void setWebhookSecret(String webhookSecret) {
			this.webhookSecret = webhookSecret;
		}

		public Duration getWebhookTolerance() {
			return this.webhookTolerance;
		}

		public void setWebhookTolerance(Duration webhookTolerance) {
			this.webhookTolerance = webhookTolerance;
		}

	}

	/** Renewals of subscriptions. */
	public static class Subscriptions {

		/** How long after a failed renewal charge it is tried again (the subscription is PAST_DUE meanwhile). */
		@NotNull
		private Duration retryInterval = Duration.ofDays(1);

		/** Renewal charges tried before a PAST_DUE subscription becomes EXPIRED. */
		@Min(1)
		@Max(10)
		private int maxRenewalAttempts = 3;

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		public int getMaxRenewalAttempts() {
			return this.maxRenewalAttempts;
		}

		public void setMaxRenewalAttempts(int maxRenewalAttempts) {
			this.maxRenewalAttempts = maxRenewalAttempts;
		}

	}

	/** Saved payment methods. */
	public static class Methods {

		/** Most payment methods a user may save. */
		@Min(1)
		@Max(100)
		private int maxPerUser = 20;

		public int getMaxPerUser() {
			return this.maxPerUser;
		}

		public void setMaxPerUser(int maxPerUser) {
			this.maxPerUser = maxPerUser;
		}

	}

	/** Idempotency keys. */
	public static class Idempotency {

		/** How long the first answer to a key is kept (and a repeat answered with it); then the key may be reused. */
		@NotNull
		private Duration retention = Duration.ofDays(30);

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

}
