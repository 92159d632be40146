package com.zviewer.cloud.admin;

import javax.sql.DataSource;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ServiceIntegrationTest
class AdminServiceTests {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Test
	void appendsAuditEventsAndListsTheNewestFirst() {
		assertThat(post("{\"actor\":\"admin\",\"action\":\"user.ban\",\"target\":\"user:1\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		ResponseEntity<Map<String, Object>> latest = post(
				"{\"actor\":\"admin\",\"action\":\"media.reject\",\"target\":\"media:2\"}");
		assertThat(latest.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		List<?> content = (List<?>) http().get().uri("/api/admin/audit-events?size=1").retrieve().body(JSON)
			.get("content");
		assertThat(content).hasSize(1);
		Map<?, ?> newest = (Map<?, ?>) content.get(0);
		assertThat(newest.get("id")).isEqualTo(latest.getBody().get("id"));
		assertThat(newest.get("action")).isEqualTo("media.reject");
		assertThat(newest.get("occurredAt")).isNotNull();
	}

	@Test
	void theAuditLogCannotBeEditedEvenInTheDatabase() {
		post("{\"actor\":\"admin\",\"action\":\"user.suspend\",\"target\":\"user:3\"}");
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> jdbc.update("update audit_events set actor = 'someone else'"));
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> jdbc.update("delete from audit_events"));
		assertThat(jdbc.queryForList("select actor from audit_events", String.class)).containsOnly("admin");
	}

	@Test
	void refusesBadInputWithProblemDetailsAndStoresNothing() {
		long before = TestHttp.totalElements(http(), "/api/admin/audit-events");
		for (String body : List.of("{\"actor\":\"\",\"action\":\"a\",\"target\":\"t\"}",
				"{\"actor\":\"admin\",\"action\":\"a\"}", "null", "{\"actor\":[],\"action\":\"a\",\"target\":\"t\"}")) {
			assertProblem(post(body), HttpStatus.BAD_REQUEST, body);
		}
		assertThat(TestHttp.totalElements(http(), "/api/admin/audit-events")).isEqualTo(before);
	}

	private ResponseEntity<Map<String, Object>> post(String body) {
		return TestHttp.postJson(http(), "/api/admin/audit-events", body);
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
