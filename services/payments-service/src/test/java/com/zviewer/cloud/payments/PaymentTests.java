package com.zviewer.cloud.payments;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.payments.PaymentsApi.DECLINED;
import static com.zviewer.cloud.payments.PaymentsApi.INSUFFICIENT_FUNDS;
import static com.zviewer.cloud.payments.PaymentsApi.SECOND_STEP;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.admin;
import static com.zviewer.cloud.payments.PaymentsApi.card;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.moderator;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.payment;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Each sandbox test card, the second step, cancellation, who sees a payment, listings. */
@PaymentsServiceTest
class PaymentTests extends PaymentsServiceTestSupport {

	@Test
	void theSucceedingCardCompletesThePaymentAndKeepsOnlyBrandAndLast4() {
		long owner = newUser();
		ResponseEntity<Map<String, Object>> created = this.api.pay(user(owner),
				"{\"amount\":1999,\"currency\":\"USD\",\"description\":\"Sunset in 8K\",\"mediaId\":42,\"card\":"
						+ card(SUCCEEDS) + "}",
				key());
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Map<String, Object> payment = created.getBody();
		assertThat(payment).containsEntry("userId", Long.toString(owner))
			.containsEntry("amount", 1999)
			.containsEntry("currency", "USD")
			.containsEntry("status", "COMPLETED")
			.containsEntry("refundedAmount", 0)
			.containsEntry("description", "Sunset in 8K")
			.containsEntry("mediaId", 42)
			.containsEntry("subscriptionId", null)
			.containsEntry("failureReason", null)
			.containsKeys("createdAt", "updatedAt");
		assertThat(created.getHeaders().getLocation()).hasPath("/api/payments/" + id(payment));
		assertThat(this.api.get(user(owner), "/api/payments/" + id(payment)).getBody()).isEqualTo(payment);
		Map<String, Object> stored = this.jdbc.sql("SELECT * FROM payments WHERE id = :id")
			.param("id", id(payment))
			.query()
			.singleRow();
		assertThat(stored).containsEntry("card_brand", "VISA").containsEntry("card_last4", "4242");
		assertThat(stored.toString()).doesNotContain(SUCCEEDS);
	}

	@Test
	void declinedCardsFailThePaymentWithTheirReason() {
		String token = user(newUser());
		assertThat(this.api.paid(token, 500, "EUR", DECLINED)).containsEntry("status", "FAILED")
			.containsEntry("failureReason", "card_declined");
		assertThat(this.api.paid(token, 500, "GBP", INSUFFICIENT_FUNDS)).containsEntry("status", "FAILED")
			.containsEntry("failureReason", "insufficient_funds");
		assertThat(this.api.paid(token, 500, "CAD", "4000000000000069")).containsEntry("failureReason",
				"expired_card");
		assertThat(this.api.paid(token, 500, "CAD", "5555555555554444")).containsEntry("status", "COMPLETED");
	}

	@Test
	void theSecondStepCardWaitsForConfirmationByItsOwner() {
		long owner = newUser();
		Map<String, Object> payment = this.api.paid(user(owner), 2500, "USD", SECOND_STEP);
		assertThat(payment).containsEntry("status", "REQUIRES_ACTION");
		String uri = "/api/payments/" + id(payment);
		assertProblem(this.api.post(user(newUser()), uri + "/confirm", null), HttpStatus.NOT_FOUND, "another user");
		assertProblem(this.api.post(moderator(), uri + "/confirm", null), HttpStatus.FORBIDDEN, "a moderator");
		assertThat(this.api.get(user(owner), uri).getBody()).containsEntry("status", "REQUIRES_ACTION");

		ResponseEntity<Map<String, Object>> confirmed = this.api.post(user(owner), uri + "/confirm", null);
		assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(confirmed.getBody()).containsEntry("status", "COMPLETED");
		assertProblem(this.api.post(user(owner), uri + "/confirm", null), HttpStatus.CONFLICT, "confirmed twice");
		assertProblem(this.api.post(user(owner), uri + "/cancel", null), HttpStatus.CONFLICT, "cancel completed");
		assertThat(this.api.get(user(owner), uri).getBody()).containsEntry("status", "COMPLETED");
	}

	@Test
	void theOwnerCancelsAPaymentAwaitingItsSecondStep() {
		long owner = newUser();
		String uri = "/api/payments/" + id(this.api.paid(user(owner), 900, "USD", SECOND_STEP));
		assertProblem(this.api.post(user(newUser()), uri + "/cancel", null), HttpStatus.NOT_FOUND, "another user");
		assertThat(this.api.post(user(owner), uri + "/cancel", null).getBody()).containsEntry("status", "CANCELLED");
		assertProblem(this.api.post(user(owner), uri + "/confirm", null), HttpStatus.CONFLICT, "confirm cancelled");
		assertProblem(this.api.post(user(owner), uri + "/cancel", null), HttpStatus.CONFLICT, "cancelled twice");
	}

	@Test
	void onlyTheOwnerAndStaffSeeAPayment() {
		long owner = newUser();
		String uri = "/api/payments/" + id(this.api.paid(user(owner), 700, "USD", SUCCEEDS));
		assertThat(this.api.get(moderator(), uri).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.api.get(admin(), uri).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertProblem(this.api.get(user(newUser()), uri), HttpStatus.NOT_FOUND, "another user");
		assertProblem(this.api.get(null, uri), HttpStatus.UNAUTHORIZED, "anonymous");
	}

	@Test
	@SuppressWarnings("unchecked")
	void listsOwnPaymentsNewestFirstAndEveryonesForStaff() {
		long owner = newUser();
		long other = newUser();
		long first = id(this.api.paid(user(owner), 600, "USD", SUCCEEDS));
		long second = id(this.api.paid(user(owner), 600, "USD", DECLINED));
		this.api.paid(user(other), 600, "USD", SUCCEEDS);

		Map<String, Object> own = this.api.get(user(owner), "/api/payments").getBody();
		List<Map<String, Object>> content = (List<Map<String, Object>>) own.get("content");
		assertThat(content).extracting((payment) -> id(payment)).containsExactly(second, first);
		assertThat((Map<String, Object>) own.get("page")).containsEntry("totalElements", 2);
		assertThat((List<?>) this.api.get(user(owner), "/api/payments?status=FAILED").getBody().get("content"))
			.hasSize(1);
		assertProblem(this.api.get(user(owner), "/api/payments?userId=" + other), HttpStatus.FORBIDDEN,
				"a user asking for another's");

		Map<String, Object> staff = this.api.get(moderator(), "/api/payments?userId=" + owner + "&size=1").getBody();
		assertThat((List<?>) staff.get("content")).hasSize(1);
		assertThat((Map<String, Object>) staff.get("page")).containsEntry("totalElements", 2);
		assertThat((List<Map<String, Object>>) this.api.get(admin(), "/api/payments?userId=" + other)
			.getBody()
			.get("content")).extracting((payment) -> payment.get("userId")).containsOnly(Long.toString(other));
	}

}
