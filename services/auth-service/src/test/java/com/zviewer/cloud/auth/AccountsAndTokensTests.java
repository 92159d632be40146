package com.zviewer.cloud.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@AuthServiceTest
class AccountsAndTokensTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void registersLogsInAndServesTheAccountToItsOwner() {
		ResponseEntity<Map<String, Object>> created = api().register("ada@example.com", "analytical engine", "Ada");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).containsEntry("email", "ada@example.com")
			.containsEntry("role", "USER")
			.containsEntry("status", "ACTIVE")
			.doesNotContainKeys("password", "passwordHash");
		assertThat(this.jdbc.sql("SELECT password_hash FROM users WHERE email = 'ada@example.com'")
			.query(String.class)
			.single()).startsWith("{bcrypt}").doesNotContain("analytical engine");

		Map<String, Object> tokens = api().login("ADA@example.com", "analytical engine").getBody();
		assertThat(tokens).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 600);
		ResponseEntity<Map<String, Object>> me = api().get("/api/users/me", AuthApi.access(tokens));
		assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(me.getBody()).containsEntry("email", "ada@example.com").containsEntry("id", created.getBody().get("id"));

		ResponseEntity<Map<String, Object>> renamed = api().patch("/api/users/me", "{\"displayName\":\"Countess\"}",
				AuthApi.access(tokens));
		assertThat(renamed.getBody()).containsEntry("displayName", "Countess");
		ResponseEntity<Map<String, Object>> profile = api().get("/api/users/" + created.getBody().get("id"), null);
		assertThat(profile.getBody()).containsEntry("displayName", "Countess").doesNotContainKeys("email", "status");
	}

	@Test
	void accessTokensAreSignedWithAPublishedKeyAndCarrySubjectAndRoles() {
		Map<String, Object> tokens = api().signUp("keys@example.com");
		ResponseEntity<Map<String, Object>> jwks = api().get("/api/auth/jwks", null);
		assertThat(jwks.getHeaders().getCacheControl()).contains("max-age");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.getBody().get("keys");
		assertThat(keys).isNotEmpty().allSatisfy((key) -> assertThat(key).containsEntry("kty", "RSA").doesNotContainKeys("d", "p", "q"));

		Jwt jwt = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + this.port + "/api/auth/jwks")
			.build()
			.decode(AuthApi.access(tokens));
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("zviewer");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
		assertThat(jwt.getSubject()).isEqualTo(this.jdbc.sql("SELECT id FROM users WHERE email = 'keys@example.com'")
			.query(Long.class)
			.single()
			.toString());
	}

	@Test
	void refreshRotatesTokensAndAReusedTokenEndsTheWholeSession() {
		Map<String, Object> first = api().signUp("rotate@example.com");
		ResponseEntity<Map<String, Object>> second = api().refresh(AuthApi.refreshToken(first));
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(AuthApi.refreshToken(second.getBody())).isNotEqualTo(AuthApi.refreshToken(first));

		// The first token again: someone kept a copy. It fails, and so does the newer one from then on.
		assertProblem(api().refresh(AuthApi.refreshToken(first)), HttpStatus.UNAUTHORIZED, "reused refresh token");
		assertProblem(api().refresh(AuthApi.refreshToken(second.getBody())), HttpStatus.UNAUTHORIZED,
				"token of a revoked family");
		assertProblem(api().refresh("not-a-token"), HttpStatus.UNAUTHORIZED, "unknown refresh token");
	}

	@Test
	void logoutEndsTheSession() {
		Map<String, Object> tokens = api().signUp("logout@example.com");
		assertThat(api().post("/api/auth/logout", "{\"refreshToken\":\"" + AuthApi.refreshToken(tokens) + "\"}", null)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(api().refresh(AuthApi.refreshToken(tokens)), HttpStatus.UNAUTHORIZED, "after logout");
	}

	@Test
	void changingThePasswordNeedsTheOldOneAndEndsEverySession() {
		Map<String, Object> tokens = api().signUp("password@example.com");
		assertProblem(api().put("/api/users/me/password",
				"{\"currentPassword\":\"wrong password\",\"newPassword\":\"another good one\"}", AuthApi.access(tokens)),
				HttpStatus.FORBIDDEN, "wrong current password");
		assertProblem(api().put("/api/users/me/password",
				"{\"currentPassword\":\"correct horse battery\",\"newPassword\":\"short\"}", AuthApi.access(tokens)),
				HttpStatus.BAD_REQUEST, "too short");
		assertThat(api().put("/api/users/me/password",
				"{\"currentPassword\":\"correct horse battery\",\"newPassword\":\"another good one\"}",
				AuthApi.access(tokens))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(api().refresh(AuthApi.refreshToken(tokens)), HttpStatus.UNAUTHORIZED, "old session");
		assertProblem(api().login("password@example.com", "correct horse battery"), HttpStatus.UNAUTHORIZED,
				"old password");
		assertThat(api().login("password@example.com", "another good one").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void theFirstAdministratorComesFromTheSettingsAndManagesAccounts() {
		Map<String, Object> admin = api().login("root@example.com", "first admin password").getBody();
		assertThat(admin).isNotNull();
		Map<String, Object> user = api().signUp("suspect@example.com");
		long userId = ((Number) api().get("/api/users/me", AuthApi.access(user)).getBody().get("id")).longValue();

		ResponseEntity<Map<String, Object>> found = api().get("/internal/users?q=SUSPECT", AuthApi.access(admin));
		assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(found.getBody().get("content")).asList().hasSize(1);

		ResponseEntity<Map<String, Object>> banned = api().put("/internal/users/" + userId + "/status",
				"{\"status\":\"BANNED\",\"reason\":\"spam\"}", AuthApi.access(admin));
		assertThat(banned.getBody()).containsEntry("status", "BANNED").containsEntry("statusReason", "spam");
		// Sessions end, sign-in is refused, and the gateway learns to refuse the access tokens already issued.
		assertProblem(api().refresh(AuthApi.refreshToken(user)), HttpStatus.UNAUTHORIZED, "banned refresh");
		ResponseEntity<Map<String, Object>> login = api().login("suspect@example.com", "correct horse battery");
		assertProblem(login, HttpStatus.FORBIDDEN, "banned login");
		assertThat(login.getBody().get("detail")).asString().contains("banned: spam");
		assertThat(this.redis.opsForValue().get("zviewer:auth:revoked-before:" + userId)).isNotNull();
		assertThat(this.redis.getExpire("zviewer:auth:revoked-before:" + userId)).isBetween(60L, 11 * 60L);

		assertThat(api().put("/internal/users/" + userId + "/status", "{\"status\":\"ACTIVE\"}", AuthApi.access(admin))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> again = api().login("suspect@example.com", "correct horse battery").getBody();
		assertThat(api().put("/internal/users/" + userId + "/role", "{\"role\":\"MODERATOR\"}", AuthApi.access(admin))
			.getBody()).containsEntry("role", "MODERATOR");
		assertProblem(api().refresh(AuthApi.refreshToken(again)), HttpStatus.UNAUTHORIZED, "role change ends sessions");

		long adminId = ((Number) api().get("/api/users/me", AuthApi.access(admin)).getBody().get("id")).longValue();
		assertProblem(api().put("/internal/users/" + adminId + "/role", "{\"role\":\"USER\"}", AuthApi.access(admin)),
				HttpStatus.CONFLICT, "admin demoting themselves");
		assertProblem(api().put("/internal/users/" + userId + "/status", "{\"status\":\"SUSPENDED\"}",
				AuthApi.access(admin)), HttpStatus.BAD_REQUEST, "suspension without a reason");
	}

	@Test
	void theInternalApiIsForAdministratorsOnly() {
		Map<String, Object> user = api().signUp("curious@example.com");
		assertProblem(api().get("/internal/users", null), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(api().get("/internal/users", AuthApi.access(user)), HttpStatus.FORBIDDEN, "plain user");
		assertProblem(api().put("/internal/users/1/role", "{\"role\":\"ADMIN\"}", AuthApi.access(user)),
				HttpStatus.FORBIDDEN, "self-promotion");
	}

	@Test
	void refusesBadCredentialsAndBadTokensWithProblemDetails() {
		api().signUp("guarded@example.com");
		assertProblem(api().login("guarded@example.com", "wrong password"), HttpStatus.UNAUTHORIZED, "wrong password");
		assertProblem(api().login("nobody@example.com", "whatever it is"), HttpStatus.UNAUTHORIZED, "unknown email");
		assertProblem(api().get("/api/users/me", null), HttpStatus.UNAUTHORIZED, "no token");
		ResponseEntity<Map<String, Object>> forged = api().get("/api/users/me", "eyJhbGciOiJub25lIn0.e30.");
		assertProblem(forged, HttpStatus.UNAUTHORIZED, "forged token");
		assertThat(forged.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		assertProblem(api().get("/api/users/me", com.zviewer.cloud.test.TestJwts.token(1, "ADMIN")),
				HttpStatus.UNAUTHORIZED, "token signed with another key");
	}

	@Test
	void refusesBadRegistrationsWithProblemDetailsAndStoresNothing() {
		long before = count();
		String unique = UUID.randomUUID() + "@example.com";
		for (String body : List.of("{\"email\":\"not-an-email\",\"password\":\"long enough\",\"displayName\":\"x\"}",
				"{\"email\":\"" + unique + "\",\"password\":\"short\",\"displayName\":\"x\"}",
				"{\"email\":\"" + unique + "\",\"password\":\"" + "é".repeat(40) + "\",\"displayName\":\"x\"}",
				"{\"email\":\"" + unique + "\",\"password\":\"long enough\",\"displayName\":\" \"}",
				"{\"email\":\"" + unique + "\",\"displayName\":\"x\"}", "{", "{\"email\":42,\"displayName\":{}}")) {
			assertProblem(api().post("/api/users", body, null), HttpStatus.BAD_REQUEST, body);
		}
		api().register("grace@example.com", "long enough", "Grace");
		assertProblem(api().register("GRACE@example.com", "long enough", "Other"), HttpStatus.CONFLICT, "same email");
		assertProblem(api().get("/api/users/424242", null), HttpStatus.NOT_FOUND, "unknown id");
		assertThat(count()).isEqualTo(before + 1);
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
	}

	private AuthApi api() {
		return AuthApi.on(this.port);
	}

}
