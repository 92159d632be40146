package com.zviewer.cloud.payments;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.test.TestHttp;
import com.zviewer.cloud.test.TestJwts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.admin;
import static com.zviewer.cloud.payments.PaymentsApi.card;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.payment;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests the API refuses: each a 4xx problem that changes nothing. */
@PaymentsServiceTest
class BadRequestTests extends PaymentsServiceTestSupport {

	@Test
	void refusesBadPaymentsAndStoresNothing() {
		String token = user(newUser());
		long payments = count("payments");
		long keys = count("idempotency_keys");
		String card = card(SUCCEEDS);
		for (String body : List.of(payment(49, "USD", card), payment(100001, "USD", card), payment(500, "JPY", card),
				"{\"amount\":500,\"currency\":\"USD\",\"card\":" + card + "}",
				"{\"amount\":500,\"currency\":\"USD\",\"description\":\"  \",\"card\":" + card + "}",
				"{\"amount\":\"lots\",\"currency\":\"USD\",\"description\":\"x\",\"card\":" + card + "}",
				"{\"currency\":\"USD\",\"description\":\"x\",\"card\":" + card + "}",
				"{\"amount\":500,\"currency\":\"USD\",\"description\":\"x\"}",
				"{\"amount\":500,\"currency\":\"USD\",\"description\":\"x\",\"paymentMethodId\":1,\"card\":" + card
						+ "}",
				"{\"amount\":500,\"currency\":\"USD\",\"description\":\"" + "x".repeat(501) + "\",\"card\":" + card
						+ "}",
				"{\"amount\":500,\"currency\":\"USD\",\"description\":\"x\",\"mediaId\":-1,\"card\":" + card + "}",
				payment(500, "USD", card("4242424242424241")), payment(500, "USD", card("4111111111111111")),
				payment(500, "USD", "{\"number\":\"4242424242424242\",\"expMonth\":1,\"expYear\":2020,\"cvc\":\"1\"}"),
				"{\"amount\":500,", "[1,2]", "")) {
			assertProblem(this.api.pay(token, body, key()), HttpStatus.BAD_REQUEST, body);
		}
		assertProblem(this.api.pay(token, payment(500, "USD", card), null), HttpStatus.BAD_REQUEST, "no key");
		assertProblem(this.api.pay(token, payment(500, "USD", card), "k".repeat(256)), HttpStatus.BAD_REQUEST,
				"key too long");
		assertProblem(this.api.pay(null, payment(500, "USD", card), key()), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.http.post()
			.uri("/api/payments")
			.header(HttpHeaders.AUTHORIZATION, token)
			.header("Idempotency-Key", key())
			.contentType(MediaType.TEXT_PLAIN)
			.body("amount=500")
			.retrieve()
			.toEntity(TestHttp.JSON), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not JSON");
		assertThat(count("payments")).isEqualTo(payments);
		assertThat(count("idempotency_keys")).isEqualTo(keys);
	}

	@Test
	void answersUnknownAndMalformedIdsAndPaths() {
		String token = user(newUser());
		long subscriptions = count("subscriptions");
		long methods = count("payment_methods");
		assertProblem(this.api.get(token, "/api/payments/987654321"), HttpStatus.NOT_FOUND, "unknown id");
		assertProblem(this.api.get(token, "/api/payments/abc"), HttpStatus.BAD_REQUEST, "malformed id");
		assertProblem(this.api.post(token, "/api/payments/987654321/confirm", null), HttpStatus.NOT_FOUND, "confirm");
		assertProblem(this.api.post(token, "/api/payments/987654321/cancel", null), HttpStatus.NOT_FOUND, "cancel");
		assertProblem(this.api.get(token, "/api/payments/987654321/refunds"), HttpStatus.NOT_FOUND, "refunds");
		assertProblem(this.api.send(HttpMethod.DELETE, token, "/api/payments/subscriptions/987654321", null, null),
				HttpStatus.NOT_FOUND, "subscription");
		assertProblem(this.api.send(HttpMethod.DELETE, token, "/api/payments/methods/987654321", null, null),
				HttpStatus.NOT_FOUND, "method");
		assertProblem(this.api.send(HttpMethod.PUT, token, "/api/payments", "{}", null),
				HttpStatus.METHOD_NOT_ALLOWED, "PUT on the list");
		assertProblem(this.api.get(token, "/api/payments?status=PAID"), HttpStatus.BAD_REQUEST, "unknown status");
		assertProblem(this.api.get(token, "/api/payments?size=101"), HttpStatus.BAD_REQUEST, "page too large");
		assertProblem(this.api.get(token, "/api/payments?page=-1"), HttpStatus.BAD_REQUEST, "negative page");
		assertProblem(this.api.get(admin(), "/api/payments?userId=abc"), HttpStatus.BAD_REQUEST, "malformed userId");
		assertProblem(this.api.post(token, "/api/payments/subscriptions", "{}"), HttpStatus.BAD_REQUEST, "no plan");
		assertProblem(this.api.post(token, "/api/payments/subscriptions", "{\"planId\":\"premium-monthly\","
				+ "\"paymentMethodId\":\"one\"}"), HttpStatus.BAD_REQUEST, "malformed method id");
		assertThat(count("subscriptions")).isEqualTo(subscriptions);
		assertThat(count("payment_methods")).isEqualTo(methods);
	}

	@Test
	void refusesInvalidTokens() {
		assertProblem(this.api.get("Bearer not-a-token", "/api/payments"), HttpStatus.UNAUTHORIZED, "bad token");
		assertProblem(this.api.get("Bearer " + TestJwts.token(newUser(), Duration.ofMinutes(-1), "USER"),
				"/api/payments"), HttpStatus.UNAUTHORIZED, "expired token");
	}

}
