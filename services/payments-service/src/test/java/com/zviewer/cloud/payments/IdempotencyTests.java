package com.zviewer.cloud.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.payments.PaymentsApi.DECLINED;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.card;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.payment;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key: a repeat answers the first answer and charges nothing more, even when concurrent. */
@PaymentsServiceTest
class IdempotencyTests extends PaymentsServiceTestSupport {

	@Test
	void aRepeatAnswersTheFirstAnswerAndChargesOnce() {
		long owner = newUser();
		String key = key();
		String body = payment(1500, "USD", card(SUCCEEDS));
		ResponseEntity<Map<String, Object>> first = this.api.pay(user(owner), body, key);
		ResponseEntity<Map<String, Object>> again = this.api.pay(user(owner), body, key);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getBody()).isEqualTo(first.getBody());
		assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(payments(owner)).isEqualTo(1);
	}

	@Test
	void aDeclinedPaymentIsAnsweredAgainToo() {
		long owner = newUser();
		String key = key();
		String body = payment(1500, "EUR", card(DECLINED));
		Map<String, Object> first = this.api.pay(user(owner), body, key).getBody();
		assertThat(first).containsEntry("status", "FAILED");
		assertThat(this.api.pay(user(owner), body, key).getBody()).isEqualTo(first);
		assertThat(payments(owner)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
		long owner = newUser();
		String key = key();
		this.api.pay(user(owner), payment(1500, "USD", card(SUCCEEDS)), key);
		assertProblem(this.api.pay(user(owner), payment(1600, "USD", card(SUCCEEDS)), key),
				HttpStatus.UNPROCESSABLE_CONTENT, "another amount");
		assertProblem(this.api.pay(user(owner), payment(1500, "USD", card("5555555555554444")), key),
				HttpStatus.UNPROCESSABLE_CONTENT, "another card");
		assertThat(payments(owner)).isEqualTo(1);
	}

	@Test
	void keysBelongToTheirUser() {
		String key = key();
		long one = newUser();
		long two = newUser();
		Map<String, Object> first = this.api.paid(user(one), 800, "USD", SUCCEEDS);
		ResponseEntity<Map<String, Object>> a = this.api.pay(user(one), payment(800, "USD", card(SUCCEEDS)), key);
		ResponseEntity<Map<String, Object>> b = this.api.pay(user(two), payment(800, "USD", card(SUCCEEDS)), key);
		assertThat(id(a.getBody())).isNotEqualTo(id(b.getBody())).isNotEqualTo(id(first));
		assertThat(payments(two)).isEqualTo(1);
	}

	@Test
	void aRequestThatFailedLeavesTheKeyUnused() {
		long owner = newUser();
		String key = key();
		assertProblem(this.api.pay(user(owner), "{\"amount\":1500,\"currency\":\"USD\",\"description\":\"x\","
				+ "\"paymentMethodId\":987654321}", key), HttpStatus.NOT_FOUND, "unknown method");
		assertThat(this.api.pay(user(owner), payment(1500, "USD", card(SUCCEEDS)), key).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(payments(owner)).isEqualTo(1);
	}

	@Test
	void concurrentRepeatsChargeOnce() throws Exception {
		long owner = newUser();
		String key = key();
		String body = payment(2000, "USD", card(SUCCEEDS));
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				Callable<ResponseEntity<Map<String, Object>>> request = () -> {
					start.await();
					return this.api.pay(user(owner), body, key);
				};
				answers.add(executor.submit(request));
			}
			start.countDown();
			List<Map<String, Object>> bodies = new ArrayList<>();
			for (Future<ResponseEntity<Map<String, Object>>> answer : answers) {
				assertThat(answer.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
				bodies.add(answer.get().getBody());
			}
			assertThat(bodies).allSatisfy((answer) -> assertThat(answer).isEqualTo(bodies.get(0)));
		}
		assertThat(payments(owner)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM outbox_events WHERE payload LIKE :user")
			.param("user", "%\"userId\":" + owner + ",%")
			.query(Long.class)
			.single()).isLessThanOrEqualTo(1);
	}

	private long payments(long userId) {
		return this.jdbc.sql("SELECT count(*) FROM payments WHERE user_id = :user")
			.param("user", userId)
			.query(Long.class)
			.single();
	}

}
