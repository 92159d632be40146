package com.zviewer.cloud.auth;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Account statistics for administrators: totals now, by role and by status, accounts created per UTC day. */
@AuthServiceTest
class UserStatisticsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void countsAccountsNowByRoleAndStatusAndAccountsCreatedToday() {
		String admin = admin();
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String uri = "/internal/users/statistics?from=" + today + "&to=" + today;
		Map<String, Object> before = statistics(admin, uri);
		long banned = userId(api().signUp(unique()));
		long promoted = userId(api().signUp(unique()));
		assertThat(api().put("/internal/users/" + banned + "/status", "{\"status\":\"BANNED\",\"reason\":\"spam\"}",
				admin).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(api().put("/internal/users/" + promoted + "/role", "{\"role\":\"MODERATOR\"}", admin)
			.getStatusCode()).isEqualTo(HttpStatus.OK);

		Map<String, Object> after = statistics(admin, uri);
		assertThat(after).containsEntry("from", today).containsEntry("to", today);
		assertThat(number(after, "total")).isEqualTo(number(before, "total") + 2)
			.isEqualTo(this.jdbc.sql("SELECT count(*) FROM users").query(Long.class).single());
		assertThat(count(after, "byRole", "USER")).isEqualTo(count(before, "byRole", "USER") + 1);
		assertThat(count(after, "byRole", "MODERATOR")).isEqualTo(count(before, "byRole", "MODERATOR") + 1);
		assertThat(count(after, "byRole", "ADMIN")).isEqualTo(count(before, "byRole", "ADMIN")).isPositive();
		assertThat(count(after, "byStatus", "ACTIVE")).isEqualTo(count(before, "byStatus", "ACTIVE") + 1);
		assertThat(count(after, "byStatus", "BANNED")).isEqualTo(count(before, "byStatus", "BANNED") + 1);
		assertThat(count(after, "byStatus", "SUSPENDED")).isEqualTo(count(before, "byStatus", "SUSPENDED"));
		assertThat(sum(after, "byRole")).isEqualTo(number(after, "total"));
		assertThat(sum(after, "byStatus")).isEqualTo(number(after, "total"));
		assertThat(created(after)).hasSize(1);
		assertThat(created(after).getFirst()).containsEntry("date", today);
		assertThat(dayCount(created(after).getFirst())).isEqualTo(dayCount(created(before).getFirst()) + 2);
	}

	@Test
	void countsAccountsPerUtcDayAndFillsTheDaysWithoutAny() {
		createdAt("2021-03-08T23:59:59.999Z");
		createdAt("2021-03-09T00:00:00Z");
		createdAt("2021-03-09T23:30:00-05:00");
		createdAt("2021-03-11T00:00:00+01:00");
		createdAt("2021-03-11T23:59:59.999Z");
		createdAt("2021-03-12T00:00:00Z");

		Map<String, Object> statistics = statistics(admin(), "/internal/users/statistics?from=2021-03-09&to=2021-03-11");
		assertThat(created(statistics)).extracting((day) -> day.get("date"))
			.containsExactly("2021-03-09", "2021-03-10", "2021-03-11");
		assertThat(created(statistics)).extracting(UserStatisticsTests::dayCount).containsExactly(1L, 2L, 1L);

		Map<String, Object> leap = statistics(admin(), "/internal/users/statistics?from=2020-02-27&to=2020-03-01");
		assertThat(created(leap)).extracting((day) -> day.get("date"))
			.containsExactly("2020-02-27", "2020-02-28", "2020-02-29", "2020-03-01");
		assertThat(created(leap)).allSatisfy((day) -> assertThat(day).containsEntry("count", 0));
	}

	@Test
	void defaultsToTheLast30DaysAndAllowsAYearAtMost() {
		String admin = admin();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, Object> recent = statistics(admin, "/internal/users/statistics");
		assertThat(recent).containsEntry("to", today.toString()).containsEntry("from", today.minusDays(29).toString());
		assertThat(created(recent)).hasSize(30);
		assertThat(created(recent).getFirst()).containsEntry("date", today.minusDays(29).toString());
		assertThat(created(recent).getLast()).containsEntry("date", today.toString());
		assertThat(dayCount(created(recent).getLast())).isPositive();

		Map<String, Object> toOnly = statistics(admin, "/internal/users/statistics?to=2024-12-31");
		assertThat(toOnly).containsEntry("from", "2024-12-02").containsEntry("to", "2024-12-31");
		Map<String, Object> longest = statistics(admin, "/internal/users/statistics?from=2024-01-01&to=2024-12-31");
		assertThat(created(longest)).hasSize(366);
	}

	@Test
	void refusesBadRangesAndDates() {
		String admin = admin();
		for (String query : List.of("from=2026-11-27&to=2026-11-01", "from=2023-01-01&to=2024-01-02",
				"from=2026-13-01", "to=yesterday", "from=27.11.2026", "from=2026-11-01T00:00:00Z")) {
			assertProblem(api().get("/internal/users/statistics?" + query, admin), HttpStatus.BAD_REQUEST, query);
		}
	}

	@Test
	void answersAdministratorsOnly() {
		String admin = admin();
		Map<String, Object> user = api().signUp(unique());
		String moderatorEmail = unique();
		long moderatorId = userId(api().signUp(moderatorEmail));
		api().put("/internal/users/" + moderatorId + "/role", "{\"role\":\"MODERATOR\"}", admin);
		Map<String, Object> moderator = api().login(moderatorEmail, "correct horse battery").getBody();

		assertProblem(api().get("/internal/users/statistics", null), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(api().get("/internal/users/statistics", AuthApi.access(user)), HttpStatus.FORBIDDEN, "a user");
		assertProblem(api().get("/internal/users/statistics", AuthApi.access(moderator)), HttpStatus.FORBIDDEN,
				"a moderator");
		assertThat(api().get("/internal/users/statistics", admin).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private void createdAt(String instant) {
		this.jdbc.sql("INSERT INTO users (email, display_name, created_at) VALUES (:email, 'Backdated', :createdAt)")
			.param("email", unique())
			.param("createdAt", OffsetDateTime.parse(instant))
			.update();
	}

	private Map<String, Object> statistics(String token, String uri) {
		ResponseEntity<Map<String, Object>> response = api().get(uri, token);
		assertThat(response.getStatusCode()).as("%s: %s", uri, response.getBody()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private String admin() {
		ResponseEntity<Map<String, Object>> tokens = api().login("root@example.com", "first admin password");
		assertThat(tokens.getStatusCode()).isEqualTo(HttpStatus.OK);
		return AuthApi.access(tokens.getBody());
	}

	private long userId(Map<String, Object> tokens) {
		return ((Number) api().get("/api/users/me", AuthApi.access(tokens)).getBody().get("id")).longValue();
	}

	private static String unique() {
		return UUID.randomUUID() + "@example.com";
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> created(Map<String, Object> statistics) {
		return (List<Map<String, Object>>) statistics.get("created");
	}

	private static long dayCount(Map<String, Object> day) {
		return ((Number) day.get("count")).longValue();
	}

	private static long number(Map<String, Object> statistics, String name) {
		return ((Number) statistics.get(name)).longValue();
	}

	private static long count(Map<String, Object> statistics, String group, String key) {
		return ((Number) ((Map<?, ?>) statistics.get(group)).get(key)).longValue();
	}

	private static long sum(Map<String, Object> statistics, String group) {
		return ((Map<?, ?>) statistics.get(group)).values().stream().mapToLong((n) -> ((Number) n).longValue()).sum();
	}

	private AuthApi api() {
		return AuthApi.on(this.port);
	}

}
