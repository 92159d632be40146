package com.zviewer.cloud.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.payments.PaymentsApi.SECOND_STEP;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.WEBHOOK_SECRET;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.sign;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's signed webhooks: accepted once when well signed and recent, refused otherwise, changing nothing. */
@PaymentsServiceTest
class WebhookTests extends PaymentsServiceTestSupport {

	@Test
	void aSignedPaymentSucceededCompletesAPaymentAwaitingItsSecondStep() {
		long owner = newUser();
		Map<String, Object> payment = this.api.paid(user(owner), 3000, "USD", SECOND_STEP);
		String body = event("payment.succeeded", "\"providerPaymentId\":\"" + providerPaymentId(id(payment)) + "\"");
		ResponseEntity<Map<String, Object>> answer = this.api.webhook(body, sign(WEBHOOK_SECRET, now(), body));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getBody()).containsEntry("outcome", "PROCESSED");
		assertThat(status(payment)).isEqualTo("COMPLETED");
	}

	@Test
	void aSignedPaymentFailedFailsIt() {
		long owner = newUser();
		Map<String, Object> payment = this.api.paid(user(owner), 3000, "USD", SECOND_STEP);
		String body = event("payment.failed", "\"providerPaymentId\":\"" + providerPaymentId(id(payment))
				+ "\",\"failureReason\":\"authentication_failed\"");
		assertThat(this.api.webhook(body, sign(WEBHOOK_SECRET, now(), body)).getBody()).containsEntry("outcome",
				"PROCESSED");
		assertThat(this.api.get(user(owner), "/api/payments/" + id(payment)).getBody()).containsEntry("status", "FAILED")
			.containsEntry("failureReason", "authentication_failed");
	}

	@Test
	void aReplayedEventIsAcknowledgedAndChangesNothing() {
		Map<String, Object> payment = this.api.paid(user(newUser()), 3000, "USD", SUCCEEDS);
		String refund = "\"providerPaymentId\":\"" + providerPaymentId(id(payment))
				+ "\",\"refundId\":\"sbx_re_" + UUID.randomUUID() + "\",\"amount\":500,\"reason\":\"dashboard\"";
		String body = event("refund.succeeded", refund);
		assertThat(this.api.webhook(body, sign(WEBHOOK_SECRET, now(), body)).getBody()).containsEntry("outcome",
				"PROCESSED");
		long refunds = count("refunds");
		ResponseEntity<Map<String, Object>> replayed = this.api.webhook(body, sign(WEBHOOK_SECRET, now(), body));
		assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(replayed.getBody()).containsEntry("outcome", "DUPLICATE");
		assertThat(count("refunds")).isEqualTo(refunds);
		assertThat(refunded(payment)).isEqualTo(500);
		String sameRefundNewEvent = event("refund.succeeded", refund);
		assertThat(this.api.webhook(sameRefundNewEvent, sign(WEBHOOK_SECRET, now(), sameRefundNewEvent)).getBody())
			.containsEntry("outcome", "IGNORED");
		assertThat(refunded(payment)).isEqualTo(500);
	}

	@Test
	void refusesUnsignedForgedAndOldWebhooksAndChangesNothing() {
		Map<String, Object> payment = this.api.paid(user(newUser()), 3000, "USD", SECOND_STEP);
		String body = event("payment.succeeded", "\"providerPaymentId\":\"" + providerPaymentId(id(payment)) + "\"");
		long events = count("webhook_events");
		assertProblem(this.api.webhook(body, null), HttpStatus.BAD_REQUEST, "unsigned");
		assertProblem(this.api.webhook(body, "v1=abc"), HttpStatus.BAD_REQUEST, "no timestamp");
		assertProblem(this.api.webhook(body, "t=soon,v1=abc"), HttpStatus.BAD_REQUEST, "bad timestamp");
		assertProblem(this.api.webhook(body, sign("another secret", now(), body)), HttpStatus.BAD_REQUEST,
				"signed with another secret");
		String signature = sign(WEBHOOK_SECRET, now(), body);
		assertProblem(this.api.webhook(body.replace("payment.succeeded", "payment.failed"), signature),
				HttpStatus.BAD_REQUEST, "body changed after signing");
		long old = now() - 360;
		assertProblem(this.api.webhook(body, sign(WEBHOOK_SECRET, old, body)), HttpStatus.BAD_REQUEST, "too old");
		long future = now() + 360;
		assertProblem(this.api.webhook(body, sign(WEBHOOK_SECRET, future, body)), HttpStatus.BAD_REQUEST,
				"from the future");
		assertProblem(this.api.webhook("not json", sign(WEBHOOK_SECRET, now(), "not json")), HttpStatus.BAD_REQUEST,
				"signed but not an event");
		assertThat(status(payment)).isEqualTo("REQUIRES_ACTION");
		assertThat(count("webhook_events")).isEqualTo(events);
		assertThat(this.api.webhook(body, sign(WEBHOOK_SECRET, now(), body)).getBody()).as("then well signed")
			.containsEntry("outcome", "PROCESSED");
		assertThat(status(payment)).isEqualTo("COMPLETED");
	}

	@Test
	void anUnknownProviderIs404() {
		String body = event("payment.succeeded", "\"providerPaymentId\":\"x\"");
		assertProblem(this.api.send(org.springframework.http.HttpMethod.POST, null, "/api/payments/webhooks/acme",
				body, null), HttpStatus.NOT_FOUND, "unknown provider");
	}

	@Test
	void theToleranceFollowsTheClock() {
		Map<String, Object> payment = this.api.paid(user(newUser()), 3000, "USD", SECOND_STEP);
		String body = event("payment.succeeded", "\"providerPaymentId\":\"" + providerPaymentId(id(payment)) + "\"");
		long signedAt = now();
		this.clock.advance(Duration.ofMinutes(6));
		assertProblem(this.api.webhook(body, sign(WEBHOOK_SECRET, signedAt, body)), HttpStatus.BAD_REQUEST,
				"six minutes later");
		assertThat(status(payment)).isEqualTo("REQUIRES_ACTION");
	}

	private static String event(String type, String data) {
		return "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"created\":" + now()
				+ ",\"data\":{" + data + "}}";
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

	private String status(Map<String, Object> payment) {
		return this.jdbc.sql("SELECT status FROM payments WHERE id = :id")
			.param("id", id(payment))
			.query(String.class)
			.single();
	}

	private int refunded(Map<String, Object> payment) {
		return this.jdbc.sql("SELECT refunded_amount FROM payments WHERE id = :id")
			.param("id", id(payment))
			.query(Integer.class)
			.single();
	}

}
