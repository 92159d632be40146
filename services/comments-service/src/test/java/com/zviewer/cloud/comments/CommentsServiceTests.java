package com.zviewer.cloud.comments;

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
class CommentsServiceTests {

	@LocalServerPort
	int port;

	@Test
	void storesCommentsAndListsThemByMediaInOrder() {
		ResponseEntity<Map<String, Object>> first = post("{\"mediaId\":7,\"author\":\"ada\",\"body\":\"<b>Nice</b>\"}");
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(post("{\"mediaId\":7,\"author\":\"bob\",\"body\":\"Agreed\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(post("{\"mediaId\":8,\"author\":\"bob\",\"body\":\"Elsewhere\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		assertThat(http().get().uri(first.getHeaders().getLocation()).retrieve().body(JSON))
			.containsEntry("body", "<b>Nice</b>")
			.containsEntry("mediaId", 7);
		List<?> content = (List<?>) http().get().uri("/api/comments?mediaId=7").retrieve().body(JSON).get("content");
		assertThat(content.stream().map((comment) -> String.valueOf(((Map<?, ?>) comment).get("author"))))
			.containsExactly("ada", "bob");
	}

	@Test
	void refusesBadInputWithProblemDetailsAndStoresNothing() {
		long before = TestHttp.totalElements(http(), "/api/comments?mediaId=9");
		for (String body : List.of("{\"mediaId\":9,\"author\":\"ada\",\"body\":\"\"}",
				"{\"mediaId\":9,\"author\":\"ada\",\"body\":\"" + "x".repeat(1001) + "\"}",
				"{\"mediaId\":-1,\"author\":\"ada\",\"body\":\"hi\"}", "{\"author\":\"ada\",\"body\":\"hi\"}",
				"{\"mediaId\":\"nine\",\"author\":\"ada\",\"body\":\"hi\"}")) {
			assertProblem(post(body), HttpStatus.BAD_REQUEST, body);
		}
		assertProblem(http().get().uri("/api/comments").retrieve().toEntity(JSON), HttpStatus.BAD_REQUEST,
				"no mediaId");
		assertProblem(http().get().uri("/api/comments/999999").retrieve().toEntity(JSON), HttpStatus.NOT_FOUND,
				"unknown id");
		assertThat(TestHttp.totalElements(http(), "/api/comments?mediaId=9")).isEqualTo(before);
	}

	private ResponseEntity<Map<String, Object>> post(String body) {
		return TestHttp.postJson(http(), "/api/comments", body);
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
