package com.zviewer.cloud.admin.users;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

import com.zviewer.cloud.admin.AdminApi;
import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestJwts;

import static com.zviewer.cloud.admin.AdminApi.totalElements;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * auth-service registered but gone: its stand-in is started, so that the discovery client lists its address, and
 * stopped again before the first request. And a service that no discovery client lists at all.
 */
@ServiceIntegrationTest
@Import(TestJwts.Configuration.class)
class AuthServiceUnavailableTests {

	static final String ADMIN = TestJwts.bearer(1, "USER", "MODERATOR", "ADMIN");

	static final String STOPPED_AUTH_SERVICE;

	static {
		AuthServiceStandIn standIn = AuthServiceStandIn.start();
		STOPPED_AUTH_SERVICE = standIn.uri();
		standIn.stop();
	}

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void authServiceInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", () -> STOPPED_AUTH_SERVICE);
	}

	@Test
	void answers503AndAuditsNothingWhileAuthServiceCannotBeReached() {
		AdminApi api = AdminApi.on(this.port);
		Map<String, ResponseEntity<Map<String, Object>>> answers = Map.of("list", api.get("/api/admin/users", ADMIN),
				"get", api.get("/api/admin/users/42", ADMIN), "role",
				api.put("/api/admin/users/42/role", "{\"role\":\"MODERATOR\"}", ADMIN), "status",
				api.put("/api/admin/users/42/status", "{\"status\":\"BANNED\",\"reason\":\"spam\"}", ADMIN));
		answers.forEach((what, answer) -> {
			assertProblem(answer, HttpStatus.SERVICE_UNAVAILABLE, what);
			assertThat(answer.getBody()).as(what)
				.containsEntry("detail", "User accounts cannot be reached right now; try again");
		});
		ResponseEntity<Map<String, Object>> audit = api.get("/api/admin/audit-events", ADMIN);
		assertThat(audit.getStatusCode()).as("the audit log is admin-service's own").isEqualTo(HttpStatus.OK);
		assertThat(totalElements(audit)).isZero();
	}

	@Test
	void answers503WhenNoInstanceIsRegistered(@Autowired @LoadBalanced RestClient.Builder loadBalanced) {
		AuthServiceUsers unregistered = new AuthServiceUsers(loadBalanced, "http://unregistered-service");
		Jwt admin = Jwt.withTokenValue("token").header("alg", "RS256").subject("1").build();
		assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(() -> unregistered.get(admin, 42))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> unregistered.changeRole(admin, 42, Role.MODERATOR))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
	}

}
