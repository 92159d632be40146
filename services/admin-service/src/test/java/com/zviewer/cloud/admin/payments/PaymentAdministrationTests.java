package com.zviewer.cloud.admin.payments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.zviewer.cloud.admin.AdminServiceTestSupport;
import com.zviewer.cloud.admin.ServiceStandIn.Answer;

import static com.zviewer.cloud.admin.AdminApi.content;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments and refunds through payments-service, stood in for by a small HTTP server with payments in memory that
 * refunds once per idempotency key (the same key again answers the same refund), refuses with 409 a refund beyond
 * what is left, answers unknown ids with 404 and fails with a 500 on payment 500.
 */
class PaymentAdministrationTests extends AdminServiceTestSupport {

	final Map<Long, Map<String, Object>> payments = new ConcurrentHashMap<>();

	final Map<String, Map<String, Object>> refundsByKey = new ConcurrentHashMap<>();

	/** Refund ids, unique in the whole run: the audit log records each refund id once. */
	static final AtomicLong refundIds = new AtomicLong(9000);

	@BeforeEach
	void paymentsService() {
		this.payments.put(301L, payment(301, "7", 1999));
		this.payments.put(302L, payment(302, "8", 500));
		paymentsService.on("GET", "/api/payments", (request, path) -> {
			List<Map<String, Object>> found = this.payments.values()
				.stream()
				.filter((payment) -> !request.query().containsKey("userId")
						|| payment.get("userId").equals(request.query().get("userId")))
				.toList();
			return Answer.json(200, Map.of("content", found, "page",
					Map.of("size", 20, "number", 0, "totalElements", found.size(), "totalPages", 1)));
		});
		paymentsService.on("POST", "/api/payments/(\\d+)/refunds", (request, path) -> {
			long id = Long.parseLong(path.group(1));
			if (id == 500) {
				return Answer.text(500, "Something broke");
			}
			String key = request.headers().get("idempotency-key");
			if (key == null) {
				return Answer.problem(400, "Idempotency-Key is required");
			}
			Map<String, Object> known = this.refundsByKey.get(key);
			if (known != null) {
				return Answer.json(201, known);
			}
			Map<String, Object> payment = this.payments.get(id);
			if (payment == null) {
				return Answer.problem(404, "No payment " + id);
			}
			long amount = ((Number) request.json().get("amount")).longValue();
			long left = (Long) payment.get("amount") - (Long) payment.get("refundedAmount");
			if (amount > left) {
				return Answer.problem(409, "Only " + left + " is left to refund");
			}
			payment.put("refundedAmount", (Long) payment.get("refundedAmount") + amount);
			Map<String, Object> refund = new LinkedHashMap<>();
			refund.put("id", refundIds.incrementAndGet());
			refund.put("paymentId", id);
			refund.put("amount", amount);
			refund.put("reason", request.json().get("reason"));
			refund.put("createdAt", "2026-11-27T10:00:00Z");
			this.refundsByKey.put(key, refund);
			return Answer.json(201, refund);
		});
	}

	@Test
	void listsPaymentsWithFiltersAndTheAdministratorsOwnToken() {
		ResponseEntity<Map<String, Object>> all = api().get("/api/admin/payments", ADMIN);
		assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(content(all)).extracting((payment) -> payment.get("id")).containsExactlyInAnyOrder(301, 302);
		assertThat(paymentsService.last().path()).isEqualTo("/api/payments");
		assertThat(paymentsService.last().authorization()).isEqualTo(ADMIN);
		assertThat(paymentsService.last().query()).containsExactly(Map.entry("page", "0"), Map.entry("size", "20"));

		ResponseEntity<Map<String, Object>> filtered = api()
			.get("/api/admin/payments?userId=7&status=COMPLETED&page=1&size=10", ADMIN);
		assertThat(content(filtered)).singleElement()
			.satisfies((payment) -> assertThat(payment).containsEntry("id", 301)
				.containsEntry("userId", "7")
				.containsEntry("amount", 1999)
				.containsEntry("currency", "USD")
				.containsEntry("status", "COMPLETED")
				.containsEntry("refundedAmount", 0));
		assertThat(paymentsService.last().query()).containsExactly(Map.entry("userId", "7"),
				Map.entry("status", "COMPLETED"), Map.entry("page", "1"), Map.entry("size", "10"));
	}

	@Test
	void refundsWithAFreshKeyPerRequestAndAuditsEachRefund() {
		ResponseEntity<Map<String, Object>> first = api().post("/api/admin/payments/301/refunds",
				"{\"amount\":500,\"reason\":\" damaged \"}", ADMIN);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getBody()).containsEntry("paymentId", 301)
			.containsEntry("amount", 500)
			.containsEntry("reason", "damaged");
		String firstKey = paymentsService.last().headers().get("idempotency-key");
		assertThat(UUID.fromString(firstKey)).isNotNull();
		assertThat(paymentsService.last().authorization()).isEqualTo(ADMIN);
		assertThat(paymentsService.last().json()).isEqualTo(Map.of("amount", 500, "reason", "damaged"));

		ResponseEntity<Map<String, Object>> second = api().post("/api/admin/payments/301/refunds",
				"{\"amount\":500,\"reason\":\"damaged\"}", ADMIN);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(paymentsService.last().headers().get("idempotency-key")).as("a new request, a new key")
			.isNotEqualTo(firstKey);
		assertThat(second.getBody().get("id")).isNotEqualTo(first.getBody().get("id"));
		assertThat(this.payments.get(301L)).containsEntry("refundedAmount", 1000L);

		List<Map<String, Object>> audit = audited("payment:301");
		assertThat(audit).hasSize(2);
		assertThat(audit.get(1)).containsEntry("actor", "user:" + ADMIN_ID)
			.containsEntry("action", "payment.refunded")
			.containsEntry("details", Map.of("refundId", first.getBody().get("id"), "amount", 500, "reason",
					"damaged", "idempotencyKey", firstKey));
	}

	@Test
	void passesTheAdministratorsIdempotencyKeyOnSoThatARetryRefundsAndIsAuditedOnce() {
		String key = "retry-" + UUID.randomUUID();
		ResponseEntity<Map<String, Object>> first = api().post("/api/admin/payments/302/refunds",
				"{\"amount\":200,\"reason\":\"late\"}", ADMIN, Map.of("Idempotency-Key", key));
		ResponseEntity<Map<String, Object>> retried = api().post("/api/admin/payments/302/refunds",
				"{\"amount\":200,\"reason\":\"late\"}", ADMIN, Map.of("Idempotency-Key", key));
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retried.getBody()).isEqualTo(first.getBody());
		assertThat(paymentsService.received()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.headers()).containsEntry("idempotency-key", key));
		assertThat(this.payments.get(302L)).containsEntry("refundedAmount", 200L);
		assertThat(audited("payment:302")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("details", Map.of("refundId",
					first.getBody().get("id"), "amount", 200, "reason", "late", "idempotencyKey", key)));
	}

	@Test
	void passesOnWhatPaymentsServiceRefusesOrFailsOnAndAuditsNothing() {
		long before = auditSize();
		ResponseEntity<Map<String, Object>> tooMuch = api().post("/api/admin/payments/302/refunds",
				"{\"amount\":501,\"reason\":\"all of it\"}", ADMIN);
		assertProblem(tooMuch, HttpStatus.CONFLICT, "more than is left");
		assertThat(tooMuch.getBody()).containsEntry("detail", "Only 500 is left to refund");
		assertProblem(api().post("/api/admin/payments/404/refunds", "{\"amount\":1,\"reason\":\"x\"}", ADMIN),
				HttpStatus.NOT_FOUND, "unknown payment");
		assertProblem(api().post("/api/admin/payments/500/refunds", "{\"amount\":1,\"reason\":\"x\"}", ADMIN),
				HttpStatus.BAD_GATEWAY, "payments-service failing");
		assertThat(paymentsService.received()).hasSize(3);
		assertThat(this.payments.get(302L)).containsEntry("refundedAmount", 0L);
		assertThat(auditSize()).isEqualTo(before);
	}

	@Test
	void refusesBadRequestsWithProblemDetailsWithoutAskingPaymentsService() {
		long before = auditSize();
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("malformed JSON", "{\"amount\":");
		bodies.put("no amount", "{\"reason\":\"x\"}");
		bodies.put("zero", "{\"amount\":0,\"reason\":\"x\"}");
		bodies.put("negative", "{\"amount\":-5,\"reason\":\"x\"}");
		bodies.put("not a number", "{\"amount\":\"lots\",\"reason\":\"x\"}");
		bodies.put("no reason", "{\"amount\":5}");
		bodies.put("blank reason", "{\"amount\":5,\"reason\":\" \"}");
		bodies.put("reason too long", "{\"amount\":5,\"reason\":\"" + "x".repeat(501) + "\"}");
		bodies.forEach((what, body) -> assertProblem(api().post("/api/admin/payments/301/refunds", body, ADMIN),
				HttpStatus.BAD_REQUEST, what));
		assertProblem(api().post("/api/admin/payments/301/refunds", "{\"amount\":5,\"reason\":\"x\"}", ADMIN,
				Map.of("Idempotency-Key", "k".repeat(201))), HttpStatus.BAD_REQUEST, "key too long");
		assertProblem(api().post("/api/admin/payments/301/refunds", "{\"amount\":5,\"reason\":\"x\"}", ADMIN,
				Map.of("Idempotency-Key", "two words")), HttpStatus.BAD_REQUEST, "key with a space");
		assertProblem(api().post("/api/admin/payments/0/refunds", "{\"amount\":5,\"reason\":\"x\"}", ADMIN),
				HttpStatus.BAD_REQUEST, "id not positive");
		for (String query : List.of("?userId=abc", "?userId=0", "?status=PAID", "?size=0", "?size=101",
				"?page=-1")) {
			assertProblem(api().get("/api/admin/payments" + query, ADMIN), HttpStatus.BAD_REQUEST, query);
		}
		assertThat(paymentsService.received()).isEmpty();
		assertThat(auditSize()).isEqualTo(before);
	}

	static Map<String, Object> payment(long id, String userId, long amount) {
		Map<String, Object> payment = new LinkedHashMap<>();
		payment.put("id", id);
		payment.put("userId", userId);
		payment.put("amount", amount);
		payment.put("currency", "USD");
		payment.put("status", "COMPLETED");
		payment.put("refundedAmount", 0L);
		payment.put("description", "Pro plan");
		payment.put("mediaId", null);
		payment.put("subscriptionId", 3);
		payment.put("failureReason", null);
		payment.put("createdAt", "2026-11-01T10:00:00Z");
		payment.put("updatedAt", "2026-11-01T10:00:00Z");
		return payment;
	}

}
