package com.zviewer.cloud.admin.users;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.admin.AdminApi;
import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestHttp;
import com.zviewer.cloud.test.TestJwts;

import static com.zviewer.cloud.admin.AdminApi.content;
import static com.zviewer.cloud.admin.AdminApi.totalElements;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * User administration through auth-service's internal API. auth-service is stood in for by a small HTTP server
 * ({@link AuthServiceStandIn}), found the way the real one is (a discovery client, here Spring Cloud's simple one).
 */
@ServiceIntegrationTest
@Import(TestJwts.Configuration.class)
class UserAdministrationTests {

	static final long ADMIN_ID = 1;

	static final String ADMIN = TestJwts.bearer(ADMIN_ID, "USER", "MODERATOR", "ADMIN");

	static final AuthServiceStandIn authService = AuthServiceStandIn.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void authServiceInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", authService::uri);
	}

	@AfterAll
	static void stopAuthService() {
		authService.stop();
	}

	@BeforeEach
	void knownUsers() {
		authService.addUser(ADMIN_ID, "ada@example.com", "Ada Admin", "ADMIN", "ACTIVE");
		authService.addUser(42, "sam@example.com", "Sam Spammer", "USER", "ACTIVE");
		authService.addUser(43, "mo@example.com", "Mo Moderator", "MODERATOR", "ACTIVE");
		authService.addUser(44, "eve@example.com", "Eve", "USER", "ACTIVE");
		authService.forgetReceived();
	}

	@Test
	void listsAndSearchesUsersWithTheAdministratorsOwnToken() {
		ResponseEntity<Map<String, Object>> all = api().get("/api/admin/users", ADMIN);
		assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(content(all)).extracting((user) -> user.get("id")).containsExactly(44, 43, 42, 1);
		assertThat(content(all).get(1)).containsEntry("email", "mo@example.com")
			.containsEntry("displayName", "Mo Moderator")
			.containsEntry("role", "MODERATOR")
			.containsEntry("status", "ACTIVE")
			.containsEntry("createdAt", "2026-01-05T10:00:00Z");
		assertThat(all.getBody().get("page")).isEqualTo(Map.of("size", 20, "number", 0, "totalElements", 4,
				"totalPages", 1));
		AuthServiceStandIn.Received request = authService.last();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/internal/users");
		assertThat(request.authorization()).isEqualTo(ADMIN);
		assertThat(request.query()).isEqualTo(Map.of("page", "0", "size", "20"));

		ResponseEntity<Map<String, Object>> searched = api().get(URI.create("http://localhost:" + this.port
				+ "/api/admin/users?q=Sam%20%26%20co%2B%20%231&role=USER&status=ACTIVE&page=0&size=1"), ADMIN);
		assertThat(searched.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(content(searched)).extracting((user) -> user.get("id")).containsExactly(44);
		assertThat(totalElements(searched)).isEqualTo(2);
		assertThat(authService.last().query()).as("every parameter passed on, encoded")
			.containsExactly(Map.entry("q", "Sam & co+ #1"), Map.entry("role", "USER"),
					Map.entry("status", "ACTIVE"), Map.entry("page", "0"), Map.entry("size", "1"));
	}

	@Test
	void showsOneUserAndPassesOnWhatAuthServiceRefuses() {
		ResponseEntity<Map<String, Object>> user = api().get("/api/admin/users/42", ADMIN);
		assertThat(user.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(user.getBody()).containsEntry("id", 42).containsEntry("email", "sam@example.com");
		assertThat(authService.last().path()).isEqualTo("/internal/users/42");
		assertThat(authService.last().authorization()).isEqualTo(ADMIN);

		ResponseEntity<Map<String, Object>> unknown = api().get("/api/admin/users/404", ADMIN);
		assertProblem(unknown, HttpStatus.NOT_FOUND, "unknown user");
		assertThat(unknown.getBody()).containsEntry("detail", "No user with id 404")
			.containsEntry("instance", "/api/admin/users/404");
	}

	@Test
	void changesRolesAndStatusesAndAuditsEveryChange() {
		ResponseEntity<Map<String, Object>> promoted = api().put("/api/admin/users/42/role", "{\"role\":\"MODERATOR\"}",
				ADMIN);
		assertThat(promoted.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(promoted.getBody()).containsEntry("id", 42).containsEntry("role", "MODERATOR");
		AuthServiceStandIn.Received roleRequest = authService.last();
		assertThat(roleRequest.method()).isEqualTo("PUT");
		assertThat(roleRequest.path()).isEqualTo("/internal/users/42/role");
		assertThat(roleRequest.authorization()).isEqualTo(ADMIN);
		assertThat(roleRequest.body()).isEqualTo("{\"role\":\"MODERATOR\"}");

		ResponseEntity<Map<String, Object>> banned = api().put("/api/admin/users/42/status",
				"{\"status\":\"BANNED\",\"reason\":\" spam \"}", ADMIN);
		assertThat(banned.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(banned.getBody()).containsEntry("status", "BANNED").containsEntry("statusReason", "spam");
		assertThat(authService.last().path()).isEqualTo("/internal/users/42/status");
		assertThat(authService.last().authorization()).isEqualTo(ADMIN);
		assertThat(authService.last().body()).isEqualTo("{\"status\":\"BANNED\",\"reason\":\" spam \"}");

		assertThat(api().put("/api/admin/users/42/status", "{\"status\":\"ACTIVE\"}", ADMIN).getBody())
			.containsEntry("status", "ACTIVE")
			.containsEntry("statusReason", null);

		// Newest first, each as auth-service stored it.
		List<Map<String, Object>> audit = content(api().get("/api/admin/audit-events?target=user:42", ADMIN));
		assertThat(audit).hasSize(3);
		assertThat(audit).extracting((event) -> event.get("actor")).containsOnly("user:" + ADMIN_ID);
		assertThat(audit).extracting((event) -> event.get("action"))
			.containsExactly("user.status.changed", "user.status.changed", "user.role.changed");
		assertThat(audit).extracting((event) -> event.get("details"))
			.containsExactly(Map.of("status", "ACTIVE"), Map.of("status", "BANNED", "reason", "spam"),
					Map.of("role", "MODERATOR"));
		assertThat(audit).allSatisfy((event) -> assertThat(event.get("occurredAt")).isNotNull());
	}

	@Test
	void writesNothingToTheAuditLogWhenAuthServiceRefusesAndPassesItsAnswerOn() {
		long before = totalElements(api().get("/api/admin/audit-events", ADMIN));

		ResponseEntity<Map<String, Object>> self = api().put("/api/admin/users/1/role", "{\"role\":\"USER\"}", ADMIN);
		assertProblem(self, HttpStatus.CONFLICT, "an administrator demoting themselves");
		assertThat(self.getBody()).containsEntry("detail", "Administrators cannot change their own account");

		ResponseEntity<Map<String, Object>> noReason = api().put("/api/admin/users/43/status",
				"{\"status\":\"SUSPENDED\"}", ADMIN);
		assertProblem(noReason, HttpStatus.BAD_REQUEST, "suspension without a reason");
		assertThat(noReason.getBody()).containsEntry("detail", "Say why the account is SUSPENDED");

		ResponseEntity<Map<String, Object>> unknown = api().put("/api/admin/users/404/status",
				"{\"status\":\"BANNED\",\"reason\":\"spam\"}", ADMIN);
		assertProblem(unknown, HttpStatus.NOT_FOUND, "unknown user");
		assertThat(unknown.getBody()).containsEntry("detail", "No user with id 404");

		ResponseEntity<Map<String, Object>> failed = api().put("/api/admin/users/500/role",
				"{\"role\":\"ADMIN\"}", ADMIN);
		assertProblem(failed, HttpStatus.BAD_GATEWAY, "auth-service failing");

		assertThat(authService.received()).hasSize(4);
		assertThat(authService.user(43)).containsEntry("status", "ACTIVE");
		assertThat(totalElements(api().get("/api/admin/audit-events", ADMIN))).isEqualTo(before);
	}

	@Test
	void onlyAdministratorsManageUsers() {
		Map<String, String> requests = Map.of("/api/admin/users", "GET", "/api/admin/users/42", "GET",
				"/api/admin/users/42/role", "{\"role\":\"ADMIN\"}", "/api/admin/users/42/status",
				"{\"status\":\"BANNED\",\"reason\":\"spam\"}");
		requests.forEach((path, body) -> {
			assertProblem(call(path, body, null), HttpStatus.UNAUTHORIZED, "anonymous " + path);
			assertProblem(call(path, body, TestJwts.bearer(42, "USER")), HttpStatus.FORBIDDEN, "user " + path);
			assertProblem(call(path, body, TestJwts.bearer(43, "USER", "MODERATOR")), HttpStatus.FORBIDDEN,
					"moderator " + path);
		});
		assertProblem(api().get("/api/admin/users", "Bearer not-a-token"), HttpStatus.UNAUTHORIZED, "bad token");
		assertThat(authService.received()).isEmpty();
		assertThat(authService.user(42)).containsEntry("role", "USER").containsEntry("status", "ACTIVE");
	}

	@Test
	void refusesBadInputWithProblemDetailsWithoutAskingAuthService() {
		long before = totalElements(api().get("/api/admin/audit-events", ADMIN));
		for (String query : List.of("?size=0", "?size=101", "?page=-1", "?role=OWNER", "?status=GONE",
				"?q=" + "x".repeat(101), "?size=many")) {
			assertProblem(api().get("/api/admin/users" + query, ADMIN), HttpStatus.BAD_REQUEST, query);
		}
		assertProblem(api().get("/api/admin/users/abc", ADMIN), HttpStatus.BAD_REQUEST, "id not a number");
		assertProblem(api().get("/api/admin/users/0", ADMIN), HttpStatus.BAD_REQUEST, "id not positive");
		for (String body : List.of("{\"role\":\"OWNER\"}", "{}", "{\"role\":null}", "null", "{", "{\"role\":[]}",
				"")) {
			assertProblem(api().put("/api/admin/users/42/role", body, ADMIN), HttpStatus.BAD_REQUEST, "role " + body);
		}
		for (String body : List.of("{\"status\":\"GONE\",\"reason\":\"x\"}", "{\"reason\":\"spam\"}",
				"{\"status\":\"BANNED\",\"reason\":\"" + "x".repeat(501) + "\"}", "[]")) {
			assertProblem(api().put("/api/admin/users/42/status", body, ADMIN), HttpStatus.BAD_REQUEST,
					"status " + body);
		}
		assertProblem(api().put("/api/admin/users/-3/status", "{\"status\":\"BANNED\",\"reason\":\"spam\"}", ADMIN),
				HttpStatus.BAD_REQUEST, "negative id");
		assertThat(authService.received()).isEmpty();
		assertThat(totalElements(api().get("/api/admin/audit-events", ADMIN))).isEqualTo(before);
	}

	/**
	 * The Eureka client builds its calls to the registry from whichever {@code RestClient.Builder} the context offers
	 * ({@code DiscoveryClientOptionalArgsConfiguration}); were that the load-balanced one, the registry's own address
	 * would be taken for a service name and the instance would never register.
	 */
	@Test
	void offersEurekaAPlainRestClientBuilder(@Autowired ObjectProvider<RestClient.Builder> builders) {
		RestClient plain = builders.getIfAvailable(RestClient::builder).clone().baseUrl(authService.uri()).build();
		Map<String, Object> user = plain.get()
			.uri("/internal/users/42")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.retrieve()
			.body(TestHttp.JSON);
		assertThat(user).containsEntry("id", 42);
	}

	private ResponseEntity<Map<String, Object>> call(String path, String body, String authorization) {
		return body.equals("GET") ? api().get(path, authorization) : api().put(path, body, authorization);
	}

	private AdminApi api() {
		return AdminApi.on(this.port);
	}

}
