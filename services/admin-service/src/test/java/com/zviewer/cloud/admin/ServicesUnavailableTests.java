package com.zviewer.cloud.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestJwts;

import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * media-service, comments-service, payments-service and auth-service registered but gone: stand-ins are started, so
 * that the discovery client lists their addresses, and stopped again before the first request.
 */
@ServiceIntegrationTest
@Import(TestJwts.Configuration.class)
class ServicesUnavailableTests {

	static final String ADMIN = TestJwts.bearer(1, "USER", "MODERATOR", "ADMIN");

	static final String STOPPED = stoppedStandIn();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stoppedInstances(DynamicPropertyRegistry registry) {
		for (String service : List.of("auth-service", "media-service", "comments-service", "payments-service")) {
			registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", () -> STOPPED);
		}
	}

	@Test
	void answers503AndAuditsNothingWhileAServiceCannotBeReached() {
		AdminApi api = AdminApi.on(this.port);
		Map<String, ResponseEntity<Map<String, Object>>> answers = Map.of("media queue",
				api.get("/api/admin/media", ADMIN), "media moderation",
				api.put("/api/admin/media/1/moderation", "{\"status\":\"APPROVED\"}", ADMIN), "flagged comments",
				api.get("/api/admin/comments/flagged", ADMIN), "comment moderation",
				api.put("/api/admin/comments/1/moderation", "{\"status\":\"VISIBLE\"}", ADMIN), "comment deletion",
				api.delete("/api/admin/comments/1", ADMIN), "payments", api.get("/api/admin/payments", ADMIN),
				"refund", api.post("/api/admin/payments/1/refunds", "{\"amount\":5,\"reason\":\"x\"}", ADMIN));
		answers.forEach((what, answer) -> assertProblem(answer, HttpStatus.SERVICE_UNAVAILABLE, what));
		assertThat(answers.get("media moderation").getBody()).containsEntry("detail",
				"Media cannot be reached right now; try again");
		assertThat(answers.get("refund").getBody()).containsEntry("detail",
				"Payments cannot be reached right now; try again");

		ResponseEntity<Map<String, Object>> bulk = api.post("/api/admin/media/moderation",
				"{\"ids\":[1,2],\"status\":\"REJECTED\",\"reason\":\"spam\"}", ADMIN);
		assertThat(bulk.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(bulk.getBody().get("results")).isEqualTo(List.of(
				Map.of("id", 1, "outcome", "FAILED", "status", 503, "detail",
						"Media cannot be reached right now; try again"),
				Map.of("id", 2, "outcome", "FAILED", "status", 503, "detail",
						"Not tried: Media cannot be reached right now; try again")));

		ResponseEntity<Map<String, Object>> statistics = api.get("/api/admin/statistics", ADMIN);
		assertThat(statistics.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(statistics.getBody()).containsEntry("unavailable", List.of("users", "media", "comments", "payments"))
			.containsEntry("users", null)
			.containsEntry("media", null)
			.containsEntry("comments", null)
			.containsEntry("payments", null);

		assertThat(AdminApi.totalElements(api.get("/api/admin/audit-events", ADMIN))).isZero();
	}

	private static String stoppedStandIn() {
		ServiceStandIn standIn = ServiceStandIn.start();
		String uri = standIn.uri();
		standIn.stop();
		return uri;
	}

}
