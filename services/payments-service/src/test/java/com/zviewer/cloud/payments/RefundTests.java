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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.payments.PaymentsApi.DECLINED;
import static com.zviewer.cloud.payments.PaymentsApi.SECOND_STEP;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.admin;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.moderator;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Refunds: staff only, partial ones add up, never more than paid, even when concurrent; idempotent. */
@PaymentsServiceTest
class RefundTests extends PaymentsServiceTestSupport {

	@Test
	void partialRefundsAddUpToAFullRefund() {
		long owner = newUser();
		Map<String, Object> payment = this.api.paid(user(owner), 1000, "USD", SUCCEEDS);
		String uri = "/api/payments/" + id(payment);
		ResponseEntity<Map<String, Object>> first = this.api.refund(moderator(), id(payment), 300, key());
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getBody()).containsEntry("paymentId", (int) id(payment))
			.containsEntry("amount", 300)
			.containsEntry("reason", "Goodwill")
			.containsKeys("id", "createdAt");
		assertThat(this.api.get(user(owner), uri).getBody()).containsEntry("status", "COMPLETED")
			.containsEntry("refundedAmount", 300);

		assertProblem(this.api.refund(admin(), id(payment), 701, key()), HttpStatus.CONFLICT, "over-refund");
		assertProblem(this.api.refund(admin(), id(payment), 200000, key()), HttpStatus.CONFLICT,
				"more than any payment");
		assertProblem(this.api.refund(admin(), id(payment), Integer.MAX_VALUE, key()), HttpStatus.CONFLICT,
				"the largest amount");
		assertThat(this.api.refund(admin(), id(payment), 700, key()).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(this.api.get(user(owner), uri).getBody()).containsEntry("status", "REFUNDED")
			.containsEntry("refundedAmount", 1000);
		assertProblem(this.api.refund(admin(), id(payment), 1, key()), HttpStatus.CONFLICT, "nothing left");
		assertThat(this.api.getList(user(owner), uri + "/refunds").getBody()).extracting((refund) -> refund.get("amount"))
			.containsExactly(300, 700);
	}

	@Test
	void onlyStaffRefundAndOnlyCompletedPayments() {
		long owner = newUser();
		Map<String, Object> payment = this.api.paid(user(owner), 1000, "USD", SUCCEEDS);
		assertProblem(this.api.refund(user(owner), id(payment), 100, key()), HttpStatus.FORBIDDEN, "the owner");
		assertProblem(this.api.refund(null, id(payment), 100, key()), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.refund(admin(), 987654321L, 100, key()), HttpStatus.NOT_FOUND, "unknown payment");
		assertProblem(this.api.refund(admin(), id(this.api.paid(user(owner), 1000, "USD", DECLINED)), 100, key()),
				HttpStatus.CONFLICT, "failed payment");
		assertProblem(this.api.refund(admin(), id(this.api.paid(user(owner), 1000, "USD", SECOND_STEP)), 100, key()),
				HttpStatus.CONFLICT, "payment awaiting its second step");
		assertProblem(this.api.refund(admin(), id(payment), 100, null), HttpStatus.BAD_REQUEST, "no key");
		assertProblem(this.api.refund(admin(), id(payment), 0, key()), HttpStatus.BAD_REQUEST, "zero");
		assertThat(this.api.get(user(owner), "/api/payments/" + id(payment)).getBody()).containsEntry("refundedAmount",
				0);
		assertThat(this.jdbc.sql("SELECT count(*) FROM refunds WHERE payment_id = :id")
			.param("id", id(payment))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aRepeatedRefundRefundsOnce() {
		Map<String, Object> payment = this.api.paid(user(newUser()), 1000, "USD", SUCCEEDS);
		String admin = admin();
		String key = key();
		ResponseEntity<Map<String, Object>> first = this.api.refund(admin, id(payment), 400, key);
		ResponseEntity<Map<String, Object>> again = this.api.refund(admin, id(payment), 400, key);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getBody()).isEqualTo(first.getBody());
		assertProblem(this.api.refund(admin, id(payment), 500, key), HttpStatus.UNPROCESSABLE_CONTENT,
				"same key, another amount");
		assertThat(refunded(payment)).isEqualTo(400);
	}

	@Test
	void concurrentRefundsNeverExceedThePayment() throws Exception {
		Map<String, Object> payment = this.api.paid(user(newUser()), 1000, "USD", SUCCEEDS);
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				String admin = admin();
				Callable<ResponseEntity<Map<String, Object>>> request = () -> {
					start.await();
					return this.api.refund(admin, id(payment), 300, key());
				};
				answers.add(executor.submit(request));
			}
			start.countDown();
			List<HttpStatusCode> statuses = new ArrayList<>();
			for (Future<ResponseEntity<Map<String, Object>>> answer : answers) {
				statuses.add(answer.get().getStatusCode());
			}
			assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(3);
			assertThat(statuses).filteredOn(HttpStatus.CONFLICT::equals).hasSize(threads - 3);
		}
		assertThat(refunded(payment)).isEqualTo(900);
		assertThat(this.jdbc.sql("SELECT sum(amount) FROM refunds WHERE payment_id = :id")
			.param("id", id(payment))
			.query(Integer.class)
			.single()).isEqualTo(900);
	}

	private int refunded(Map<String, Object> payment) {
		return this.jdbc.sql("SELECT refunded_amount FROM payments WHERE id = :id")
			.param("id", id(payment))
			.query(Integer.class)
			.single();
	}

}
