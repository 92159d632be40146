package com.zviewer.cloud.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.payments.PaymentsApi.DECLINED;
import static com.zviewer.cloud.payments.PaymentsApi.SECOND_STEP;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Plans, subscribing, cancelling at the end of the period, and renewals by the job as the clock moves. */
@PaymentsServiceTest
class SubscriptionTests extends PaymentsServiceTestSupport {

	@Autowired
	SubscriptionService subscriptions;

	@Test
	void anyoneSeesThePlansOfConfigRepo() {
		ResponseEntity<List<Map<String, Object>>> plans = this.api.getList(null, "/api/payments/plans");
		assertThat(plans.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(plans.getBody()).contains(Map.of("id", "premium-monthly", "name", "Premium, monthly", "price", 499,
				"currency", "USD", "period", "P1M"));
	}

	@Test
	void subscribingChargesTheFirstPeriod() {
		long owner = newUser();
		String token = user(owner);
		Map<String, Object> method = this.api.savedMethod(token, SUCCEEDS);
		ResponseEntity<Map<String, Object>> created = subscribe(token, id(method));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Map<String, Object> subscription = created.getBody();
		assertThat(subscription).containsEntry("planId", "premium-monthly")
			.containsEntry("status", "ACTIVE")
			.containsEntry("cancelAtPeriodEnd", false)
			.containsEntry("price", 499)
			.containsEntry("userId", Long.toString(owner));
		Instant start = Instant.parse((String) subscription.get("currentPeriodStart"));
		Instant end = Instant.parse((String) subscription.get("currentPeriodEnd"));
		assertThat(Duration.between(start, end)).isBetween(Duration.ofDays(28), Duration.ofDays(31));
		assertThat(payments(owner)).singleElement()
			.satisfies((payment) -> assertThat(payment).containsEntry("status", "COMPLETED")
				.containsEntry("amount", 499)
				.containsEntry("subscriptionId", (int) id(subscription)));
		assertProblem(subscribe(token, id(method)), HttpStatus.CONFLICT, "subscribed twice");
		assertThat(this.api.getList(token, "/api/payments/subscriptions").getBody()).extracting(PaymentsApi::id)
			.containsExactly(id(subscription));
		assertThat(this.api.getList(user(newUser()), "/api/payments/subscriptions").getBody()).isEmpty();
	}

	@Test
	void aDeclinedFirstChargeIs402AndSubscribesNothing() {
		long owner = newUser();
		String token = user(owner);
		assertProblem(subscribe(token, id(this.api.savedMethod(token, DECLINED))), HttpStatus.PAYMENT_REQUIRED,
				"declined card");
		assertProblem(subscribe(token, id(this.api.savedMethod(token, SECOND_STEP))), HttpStatus.PAYMENT_REQUIRED,
				"card needing a second step");
		assertThat(this.api.getList(token, "/api/payments/subscriptions").getBody()).isEmpty();
		assertThat(payments(owner)).extracting((payment) -> payment.get("status")).containsOnly("FAILED");
		assertProblem(subscribe(token, 987654321L), HttpStatus.NOT_FOUND, "unknown method");
		assertProblem(this.api.post(token, "/api/payments/subscriptions", "{\"planId\":\"gold\"}"),
				HttpStatus.NOT_FOUND, "unknown plan");
		assertProblem(this.api.post(user(newUser()), "/api/payments/subscriptions", "{\"planId\":\"premium-monthly\"}"),
				HttpStatus.CONFLICT, "no method at all");
	}

	@Test
	void cancellingEndsTheSubscriptionAtTheEndOfThePeriod() {
		long owner = newUser();
		String token = user(owner);
		long id = id(subscribe(token, id(this.api.savedMethod(token, SUCCEEDS))).getBody());
		assertProblem(this.api.send(HttpMethod.DELETE, user(newUser()), "/api/payments/subscriptions/" + id, null,
				null), HttpStatus.NOT_FOUND, "another user");
		ResponseEntity<Map<String, Object>> cancelled = this.api.send(HttpMethod.DELETE, token,
				"/api/payments/subscriptions/" + id, null, null);
		assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(cancelled.getBody()).containsEntry("status", "ACTIVE").containsEntry("cancelAtPeriodEnd", true);
		assertThat(this.api.send(HttpMethod.DELETE, token, "/api/payments/subscriptions/" + id, null, null).getBody())
			.as("cancelled again")
			.containsEntry("status", "ACTIVE");
		assertThat(entitled(token)).isTrue();

		this.clock.advance(Duration.ofDays(32));
		this.subscriptions.renewDue();

		assertThat(subscription(token, id)).containsEntry("status", "CANCELLED");
		assertThat(payments(owner)).hasSize(1);
		assertThat(entitled(token)).isFalse();
	}

	@Test
	void theJobRenewsWithTheDefaultMethodWhenThePeriodEnds() {
		long owner = newUser();
		String token = user(owner);
		long id = id(subscribe(token, id(this.api.savedMethod(token, SUCCEEDS))).getBody());
		Instant firstEnd = Instant.parse((String) subscription(token, id).get("currentPeriodEnd"));
		this.subscriptions.renewDue();
		assertThat(payments(owner)).as("not due yet").hasSize(1);

		this.clock.advance(Duration.ofDays(31).plusHours(1));
		this.subscriptions.renewDue();
		this.subscriptions.renewDue();

		Map<String, Object> renewed = subscription(token, id);
		assertThat(renewed).containsEntry("status", "ACTIVE");
		assertThat(Instant.parse((String) renewed.get("currentPeriodStart"))).isEqualTo(firstEnd);
		assertThat(Instant.parse((String) renewed.get("currentPeriodEnd"))).isAfter(firstEnd.plus(Duration.ofDays(27)));
		assertThat(payments(owner)).extracting((payment) -> payment.get("status"))
			.containsExactly("COMPLETED", "COMPLETED");
		assertThat(payments(owner).get(0)).containsEntry("subscriptionId", (int) id)
			.containsEntry("description", "Renewal: Premium, monthly");
		assertThat(entitled(token)).isTrue();
	}

	@Test
	void jobsRunningSideBySideRenewOnce() throws Exception {
		long owner = newUser();
		String token = user(owner);
		long id = id(subscribe(token, id(this.api.savedMethod(token, SUCCEEDS))).getBody());
		this.clock.advance(Duration.ofDays(32));
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService replicas = Executors.newFixedThreadPool(4)) {
			for (int i = 0; i < 4; i++) {
				replicas.submit(() -> {
					start.await();
					this.subscriptions.renewDue();
					return null;
				});
			}
			start.countDown();
		}
		assertThat(payments(owner)).hasSize(2);
		assertThat(subscription(token, id)).containsEntry("status", "ACTIVE");
	}

	@Test
	void aFailedRenewalMakesItPastDueThenExpired() {
		long owner = newUser();
		String token = user(owner);
		long id = id(subscribe(token, id(this.api.savedMethod(token, SUCCEEDS))).getBody());
		Map<String, Object> declined = this.api.savedMethod(token, DECLINED);
		this.api.send(HttpMethod.PUT, token, "/api/payments/methods/" + id(declined) + "/default", null, null);

		this.clock.advance(Duration.ofDays(32));
		this.subscriptions.renewDue();
		assertThat(subscription(token, id)).containsEntry("status", "PAST_DUE");
		assertThat(entitled(token)).isFalse();
		assertThat(payments(owner).get(0)).containsEntry("status", "FAILED")
			.containsEntry("failureReason", "card_declined");

		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		this.subscriptions.renewDue();
		assertThat(subscription(token, id)).containsEntry("status", "PAST_DUE");
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		this.subscriptions.renewDue();
		assertThat(subscription(token, id)).containsEntry("status", "EXPIRED");
		assertThat(payments(owner)).hasSize(4);
		this.clock.advance(Duration.ofDays(5));
		this.subscriptions.renewDue();
		assertThat(payments(owner)).as("no charge once expired").hasSize(4);
	}

	@Test
	void aPastDueSubscriptionRecoversWhenTheDefaultMethodWorksAgain() {
		long owner = newUser();
		String token = user(owner);
		Map<String, Object> good = this.api.savedMethod(token, SUCCEEDS);
		long id = id(subscribe(token, id(good)).getBody());
		Map<String, Object> declined = this.api.savedMethod(token, DECLINED);
		this.api.send(HttpMethod.PUT, token, "/api/payments/methods/" + id(declined) + "/default", null, null);
		this.clock.advance(Duration.ofDays(32));
		this.subscriptions.renewDue();
		assertThat(subscription(token, id)).containsEntry("status", "PAST_DUE");

		this.api.send(HttpMethod.PUT, token, "/api/payments/methods/" + id(good) + "/default", null, null);
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		this.subscriptions.renewDue();
		assertThat(subscription(token, id)).containsEntry("status", "ACTIVE");
		assertThat(entitled(token)).isTrue();
	}

	private ResponseEntity<Map<String, Object>> subscribe(String token, long methodId) {
		return this.api.post(token, "/api/payments/subscriptions",
				"{\"planId\":\"premium-monthly\",\"paymentMethodId\":" + methodId + "}");
	}

	private Map<String, Object> subscription(String token, long id) {
		return this.api.getList(token, "/api/payments/subscriptions")
			.getBody()
			.stream()
			.filter((subscription) -> id(subscription) == id)
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> payments(long owner) {
		return (List<Map<String, Object>>) this.api.get(user(owner), "/api/payments").getBody().get("content");
	}

	private boolean entitled(String token) {
		return (Boolean) this.api.get(token, "/api/payments/entitlements?mediaId=77").getBody().get("entitled");
	}

}
