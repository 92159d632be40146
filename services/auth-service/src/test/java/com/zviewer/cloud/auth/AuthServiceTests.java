package com.zviewer.cloud.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class AuthServiceTests {

	@LocalServerPort
	int port;

	@Test
	void registersAndServesUsers() {
		ResponseEntity<Map<String, Object>> created = post("{\"email\":\"ada@example.com\",\"displayName\":\"Ada\"}");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).containsEntry("email", "ada@example.com").containsEntry("displayName", "Ada");

		ResponseEntity<Map<String, Object>> fetched = http().get()
			.uri(created.getHeaders().getLocation())
			.retrieve()
			.toEntity(JSON);
		assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(fetched.getBody()).containsEntry("id", created.getBody().get("id")).containsKey("createdAt");
	}

	@Test
	void refusesASecondAccountForTheSameEmailInAnyCase() {
		assertThat(post("{\"email\":\"grace@example.com\",\"displayName\":\"Grace\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		long before = TestHttp.totalElements(http(), "/api/users");
		assertProblem(post("{\"email\":\"GRACE@example.com\",\"displayName\":\"Other\"}"), HttpStatus.CONFLICT,
				"same email");
		assertThat(TestHttp.totalElements(http(), "/api/users")).isEqualTo(before);
	}

	@Test
	void refusesBadInputWithProblemDetailsAndStoresNothing() {
		long before = TestHttp.totalElements(http(), "/api/users");
		for (String body : List.of("{\"email\":\"not-an-email\",\"displayName\":\"x\"}",
				"{\"email\":\"x@example.com\",\"displayName\":\" \"}", "{\"email\":\"x@example.com\"}", "{",
				"{\"email\":42,\"displayName\":{}}")) {
			assertProblem(post(body), HttpStatus.BAD_REQUEST, body);
		}
		assertProblem(http().get().uri("/api/users/424242").retrieve().toEntity(JSON), HttpStatus.NOT_FOUND,
				"unknown id");
		assertThat(TestHttp.totalElements(http(), "/api/users")).isEqualTo(before);
	}

	private ResponseEntity<Map<String, Object>> post(String body) {
		return TestHttp.postJson(http(), "/api/users", body);
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
