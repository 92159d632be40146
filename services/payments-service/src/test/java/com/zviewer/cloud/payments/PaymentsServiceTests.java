package com.zviewer.cloud.payments;

import javax.sql.DataSource;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class PaymentsServiceTests {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Test
	void recordsPaymentsAsPending() {
		ResponseEntity<Map<String, Object>> created = post("{\"amountCents\":499,\"currency\":\"EUR\"}");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).containsEntry("amountCents", 499)
			.containsEntry("currency", "EUR")
			.containsEntry("status", "PENDING");
		assertThat(http().get().uri(created.getHeaders().getLocation()).retrieve().body(JSON))
			.containsEntry("id", created.getBody().get("id"));
	}

	@Test
	void refusesAmountsAndCurrenciesOutsideTheRulesAndStoresNothing() {
		int before = count();
		for (String body : List.of("{\"amountCents\":49,\"currency\":\"EUR\"}",
				"{\"amountCents\":100001,\"currency\":\"EUR\"}", "{\"amountCents\":500,\"currency\":\"JPY\"}",
				"{\"amountCents\":500}", "{\"amountCents\":\"lots\",\"currency\":\"USD\"}")) {
			assertProblem(post(body), HttpStatus.BAD_REQUEST, body);
		}
		assertProblem(http().get().uri("/api/payments/31337").retrieve().toEntity(JSON), HttpStatus.NOT_FOUND,
				"unknown id");
		assertThat(count()).isEqualTo(before);
	}

	private int count() {
		return new JdbcTemplate(this.dataSource).queryForObject("select count(*) from payments", Integer.class);
	}

	private ResponseEntity<Map<String, Object>> post(String body) {
		return TestHttp.postJson(http(), "/api/payments", body);
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
