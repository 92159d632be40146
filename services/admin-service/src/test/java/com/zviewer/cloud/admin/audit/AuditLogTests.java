package com.zviewer.cloud.admin.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;

import com.zviewer.cloud.admin.AdminApi;
import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestJwts;

import static com.zviewer.cloud.admin.AdminApi.content;
import static com.zviewer.cloud.admin.AdminApi.totalElements;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The audit log: written by admin-service's own actions only, searchable by administrators, never changed. */
@ServiceIntegrationTest
@Import(TestJwts.Configuration.class)
class AuditLogTests {

	static final String ADMIN = TestJwts.bearer(1, "USER", "MODERATOR", "ADMIN");

	@LocalServerPort
	int port;

	@Autowired
	AuditLog auditLog;

	@Autowired
	DataSource dataSource;

	JdbcTemplate jdbc;

	@BeforeEach
	void jdbc() {
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@Test
	void recordsTheAdministratorByIdAndNameWithDetailsAsJson() {
		AuditEvent recorded = this.auditLog.record(admin(7, "Grace Hopper"), "user.status.changed", "user:70",
				Map.of("status", "BANNED", "reason", "spam \"and\" scams"));
		assertThat(recorded.id()).isNotNull();

		List<Map<String, Object>> found = content(api().get("/api/admin/audit-events?target=user:70", ADMIN));
		assertThat(found).hasSize(1);
		assertThat(found.get(0)).containsEntry("id", recorded.id().intValue())
			.containsEntry("actor", "user:7")
			.containsEntry("actorName", "Grace Hopper")
			.containsEntry("action", "user.status.changed")
			.containsEntry("target", "user:70")
			.containsEntry("details", Map.of("status", "BANNED", "reason", "spam \"and\" scams"));
		assertThat(Instant.parse((String) found.get(0).get("occurredAt"))).isBetween(Instant.now().minusSeconds(60),
				Instant.now());

		this.auditLog.record(admin(8, null), "user.role.changed", "user:71", Map.of());
		assertThat(content(api().get("/api/admin/audit-events?target=user:71", ADMIN)).get(0))
			.containsEntry("actor", "user:8")
			.containsEntry("actorName", null)
			.containsEntry("details", null);
	}

	@Test
	void searchesByActorActionTargetAndTimeNewestFirstAPageAtATime() {
		insert("user:100", "user.role.changed", "user:101", "2025-03-01T10:00:00Z");
		insert("user:100", "user.status.changed", "user:101", "2025-03-02T10:00:00Z");
		insert("user:100", "user.status.changed", "user:102", "2025-03-03T10:00:00Z");
		insert("user:200", "user.status.changed", "user:101", "2025-03-04T10:00:00Z");

		assertThat(targets("?actor=user:100")).containsExactly("user:102", "user:101", "user:101");
		assertThat(actions("?actor=user:100&target=user:101")).containsExactly("user.status.changed",
				"user.role.changed");
		assertThat(actors("?action=user.status.changed&target=user:101")).containsExactly("user:200", "user:100");
		assertThat(times("?from=2025-03-02T10:00:00Z&to=2025-03-04T10:00:00Z")).as("from inclusive, to exclusive")
			.containsExactly("2025-03-03T10:00:00Z", "2025-03-02T10:00:00Z");
		assertThat(times("?actor=user:100&from=2025-03-02T11:00:00Z")).containsExactly("2025-03-03T10:00:00Z");
		assertThat(times("?actor=user:100&to=2025-03-02T00:00:00Z")).containsExactly("2025-03-01T10:00:00Z");
		assertThat(content(api().get("/api/admin/audit-events?actor=user:999", ADMIN))).isEmpty();

		ResponseEntity<Map<String, Object>> second = api().get("/api/admin/audit-events?actor=user:100&size=2&page=1",
				ADMIN);
		assertThat(content(second)).extracting((event) -> event.get("occurredAt"))
			.containsExactly("2025-03-01T10:00:00Z");
		assertThat(second.getBody().get("page")).isEqualTo(Map.of("size", 2, "number", 1, "totalElements", 3,
				"totalPages", 2));
	}

	@Test
	void cannotBeWrittenFromOutsideNorChangedEvenInTheDatabase() {
		this.auditLog.record(admin(9, "Ada"), "user.role.changed", "user:90", Map.of("role", "MODERATOR"));
		long before = totalElements(api().get("/api/admin/audit-events", ADMIN));

		String forged = "{\"actor\":\"user:9\",\"action\":\"user.role.changed\",\"target\":\"user:91\"}";
		assertProblem(api().post("/api/admin/audit-events", forged, ADMIN), HttpStatus.METHOD_NOT_ALLOWED, "POST");
		assertProblem(api().put("/api/admin/audit-events", forged, ADMIN), HttpStatus.METHOD_NOT_ALLOWED, "PUT");
		assertProblem(api().delete("/api/admin/audit-events", ADMIN), HttpStatus.METHOD_NOT_ALLOWED, "DELETE");
		assertProblem(api().post("/api/admin/audit-events", forged, null), HttpStatus.METHOD_NOT_ALLOWED,
				"anonymous POST");
		assertThat(api().delete("/api/admin/audit-events/1", ADMIN).getStatusCode().is4xxClientError()).isTrue();
		assertThat(totalElements(api().get("/api/admin/audit-events", ADMIN))).isEqualTo(before);

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("update audit_events set actor = 'someone else'"));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("delete from audit_events"));
		assertThatExceptionOfType(DataAccessException.class).as("details must be a JSON object")
			.isThrownBy(() -> this.jdbc.update("insert into audit_events (actor, action, target, occurred_at, details)"
					+ " values ('a', 'b', 'c', now(), 'not json')"));
		assertThat(this.jdbc.queryForList("select actor from audit_events where target = 'user:90'", String.class))
			.containsExactly("user:9");
	}

	@Test
	void onlyAdministratorsReadIt() {
		assertProblem(api().get("/api/admin/audit-events", null), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(api().get("/api/admin/audit-events", TestJwts.bearer(2, "USER")), HttpStatus.FORBIDDEN, "user");
		assertProblem(api().get("/api/admin/audit-events", TestJwts.bearer(3, "USER", "MODERATOR")),
				HttpStatus.FORBIDDEN, "moderator");
		assertThat(api().get("/api/admin/audit-events", ADMIN).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void refusesBadSearchesWithProblemDetails() {
		for (String query : List.of("?from=yesterday", "?to=2025-13-01T00:00:00Z",
				"?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", "?size=0", "?size=101", "?page=-1", "?page=x",
				"?actor=" + "a".repeat(101), "?target=" + "t".repeat(201))) {
			assertProblem(api().get("/api/admin/audit-events" + query, ADMIN), HttpStatus.BAD_REQUEST, query);
		}
	}

	private List<Object> targets(String query) {
		return content(api().get("/api/admin/audit-events" + query, ADMIN)).stream()
			.map((event) -> event.get("target"))
			.toList();
	}

	private List<Object> actions(String query) {
		return content(api().get("/api/admin/audit-events" + query, ADMIN)).stream()
			.map((event) -> event.get("action"))
			.toList();
	}

	private List<Object> actors(String query) {
		return content(api().get("/api/admin/audit-events" + query, ADMIN)).stream()
			.map((event) -> event.get("actor"))
			.toList();
	}

	private List<Object> times(String query) {
		return content(api().get("/api/admin/audit-events" + query, ADMIN)).stream()
			.map((event) -> event.get("occurredAt"))
			.toList();
	}

	private void insert(String actor, String action, String target, String occurredAt) {
		this.jdbc.update("insert into audit_events (actor, action, target, occurred_at) values (?, ?, ?, ?)", actor,
				action, target, Timestamp.from(Instant.parse(occurredAt)));
	}

	private static Jwt admin(long id, String name) {
		Jwt.Builder token = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject(Long.toString(id))
			.claim("roles", List.of("USER", "MODERATOR", "ADMIN"));
		if (name != null) {
			token.claim("name", name);
		}
		return token.build();
	}

	private AdminApi api() {
		return AdminApi.on(this.port);
	}

}
