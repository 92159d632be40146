package com.zviewer.cloud.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.zviewer.cloud.test.TestJwts;

import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of moderation, payments and statistics is for administrators only: anonymous callers get 401, users
 * and moderators 403, as problem details, and no other service is asked, nothing audited.
 */
class AdminOnlyTests extends AdminServiceTestSupport {

	static final List<Request> REQUESTS = List.of(new Request("GET", "/api/admin/media", null),
			new Request("GET", "/api/admin/media?status=REJECTED", null),
			new Request("PUT", "/api/admin/media/101/moderation", "{\"status\":\"APPROVED\"}"),
			new Request("POST", "/api/admin/media/moderation", "{\"ids\":[101],\"status\":\"APPROVED\"}"),
			new Request("GET", "/api/admin/comments/flagged", null),
			new Request("PUT", "/api/admin/comments/201/moderation", "{\"status\":\"VISIBLE\"}"),
			new Request("DELETE", "/api/admin/comments/201", null), new Request("GET", "/api/admin/payments", null),
			new Request("POST", "/api/admin/payments/301/refunds", "{\"amount\":5,\"reason\":\"x\"}"),
			new Request("GET", "/api/admin/statistics", null),
			new Request("GET", "/api/admin/statistics?from=2026-11-01&to=2026-11-02", null));

	@Test
	void refusesAnonymousCallersUsersAndModerators() {
		long before = auditSize();
		for (Request request : REQUESTS) {
			assertProblem(request.send(api(), null), HttpStatus.UNAUTHORIZED, "anonymous " + request);
			assertProblem(request.send(api(), "Bearer not-a-token"), HttpStatus.UNAUTHORIZED, "bad token " + request);
			assertProblem(request.send(api(), USER), HttpStatus.FORBIDDEN, "user " + request);
			assertProblem(request.send(api(), MODERATOR), HttpStatus.FORBIDDEN, "moderator " + request);
			assertProblem(request.send(api(), TestJwts.bearer(44)), HttpStatus.FORBIDDEN, "no role " + request);
		}
		assertNoServiceCalled();
		assertThat(auditSize()).isEqualTo(before);
	}

	record Request(String method, String path, String body) {

		ResponseEntity<Map<String, Object>> send(AdminApi api, String authorization) {
			return switch (this.method) {
				case "GET" -> api.get(this.path, authorization);
				case "PUT" -> api.put(this.path, this.body, authorization);
				case "POST" -> api.post(this.path, this.body, authorization);
				case "DELETE" -> api.delete(this.path, authorization);
				default -> throw new IllegalArgumentException(this.method);
			};
		}

	}

}
