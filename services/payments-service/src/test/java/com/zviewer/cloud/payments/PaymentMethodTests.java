package com.zviewer.cloud.payments;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import static com.zviewer.cloud.payments.PaymentsApi.DECLINED;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Saved payment methods: validated, never stored in full, exactly one default, usable to pay. */
@PaymentsServiceTest
class PaymentMethodTests extends PaymentsServiceTestSupport {

	@Test
	void theFirstMethodBecomesTheDefaultAndExactlyOneStaysDefault() {
		long owner = newUser();
		String token = user(owner);
		Map<String, Object> visa = this.api.savedMethod(token, SUCCEEDS);
		assertThat(visa).containsEntry("brand", "VISA")
			.containsEntry("last4", "4242")
			.containsEntry("isDefault", true)
			.containsEntry("expMonth", 12)
			.doesNotContainKeys("number", "cvc", "providerToken");
		Map<String, Object> mastercard = this.api.savedMethod(token, "5555555555554444");
		assertThat(mastercard).containsEntry("brand", "MASTERCARD").containsEntry("isDefault", false);
		Map<String, Object> amex = this.api.savedMethod(token, "378282246310005");
		assertThat(defaults(token)).containsExactly(id(visa));

		assertThat(this.api.send(HttpMethod.PUT, token, "/api/payments/methods/" + id(mastercard) + "/default", null,
				null).getBody()).containsEntry("isDefault", true);
		assertThat(defaults(token)).containsExactly(id(mastercard));

		assertThat(this.api.send(HttpMethod.DELETE, token, "/api/payments/methods/" + id(mastercard), null, null)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(defaults(token)).containsExactly(id(amex));
		assertThat(this.api.getList(token, "/api/payments/methods").getBody()).extracting(PaymentsApi::id)
			.containsExactly(id(visa), id(amex));

		String stored = this.jdbc.sql("SELECT string_agg(pm::text, ' ') FROM payment_methods pm WHERE user_id = :u")
			.param("u", owner)
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(SUCCEEDS, "378282246310005");
	}

	@Test
	void theDatabaseRefusesASecondDefault() {
		long owner = newUser();
		this.api.savedMethod(user(owner), SUCCEEDS);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.jdbc
			.sql("INSERT INTO payment_methods (user_id, provider, provider_token, brand, last4, exp_month, exp_year, "
					+ "is_default, created_at) VALUES (:u, 'sandbox', 't', 'VISA', '4242', 1, 2099, TRUE, now())")
			.param("u", owner)
			.update());
	}

	@Test
	void refusesInvalidAndExpiredCardsAndOthersMethods() {
		long owner = newUser();
		String token = user(owner);
		int year = java.time.Year.now().getValue();
		for (String card : List.of(
				"{\"number\":\"4242424242424241\",\"expMonth\":12,\"expYear\":" + (year + 1) + ",\"cvc\":\"123\"}",
				"{\"number\":\"4242424242424242\",\"expMonth\":1,\"expYear\":" + (year - 1) + ",\"cvc\":\"123\"}",
				"{\"number\":\"4242424242424242\",\"expMonth\":13,\"expYear\":" + (year + 1) + ",\"cvc\":\"123\"}",
				"{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":" + (year + 1) + ",\"cvc\":\"12\"}",
				"{\"number\":\"4242-4242\",\"expMonth\":12,\"expYear\":" + (year + 1) + ",\"cvc\":\"123\"}",
				"{\"number\":\"4111111111111111\",\"expMonth\":12,\"expYear\":" + (year + 1) + ",\"cvc\":\"123\"}",
				"{\"expMonth\":12,\"expYear\":" + (year + 1) + "}", "[]")) {
			assertProblem(this.api.post(token, "/api/payments/methods", card), HttpStatus.BAD_REQUEST, card);
		}
		assertThat(this.api.getList(token, "/api/payments/methods").getBody()).isEmpty();
		Map<String, Object> method = this.api.savedMethod(token, SUCCEEDS);
		String other = user(newUser());
		assertProblem(this.api.get(other, "/api/payments/methods/" + id(method)), HttpStatus.NOT_FOUND, "read");
		assertProblem(this.api.send(HttpMethod.DELETE, other, "/api/payments/methods/" + id(method), null, null),
				HttpStatus.NOT_FOUND, "delete");
		assertProblem(this.api.send(HttpMethod.PUT, other, "/api/payments/methods/" + id(method) + "/default", null,
				null), HttpStatus.NOT_FOUND, "make default");
		assertProblem(this.api.pay(other, "{\"amount\":500,\"currency\":\"USD\",\"description\":\"x\","
				+ "\"paymentMethodId\":" + id(method) + "}", key()), HttpStatus.NOT_FOUND, "pay with it");
		assertProblem(this.api.get(null, "/api/payments/methods"), HttpStatus.UNAUTHORIZED, "anonymous");
		assertThat(defaults(token)).containsExactly(id(method));
	}

	@Test
	void paysWithASavedMethod() {
		String token = user(newUser());
		Map<String, Object> good = this.api.savedMethod(token, SUCCEEDS);
		Map<String, Object> bad = this.api.savedMethod(token, DECLINED);
		assertThat(this.api.pay(token, "{\"amount\":500,\"currency\":\"USD\",\"description\":\"x\","
				+ "\"paymentMethodId\":" + id(good) + "}", key()).getBody()).containsEntry("status", "COMPLETED");
		assertThat(this.api.pay(token, "{\"amount\":500,\"currency\":\"USD\",\"description\":\"x\","
				+ "\"paymentMethodId\":" + id(bad) + "}", key()).getBody()).containsEntry("status", "FAILED");
	}

	private List<Long> defaults(String token) {
		return this.api.getList(token, "/api/payments/methods")
			.getBody()
			.stream()
			.filter((method) -> Boolean.TRUE.equals(method.get("isDefault")))
			.map(PaymentsApi::id)
			.toList();
	}

}
