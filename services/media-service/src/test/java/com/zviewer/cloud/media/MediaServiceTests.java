package com.zviewer.cloud.media;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
class MediaServiceTests {

	@LocalServerPort
	int port;

	@Autowired
	MediaProperties properties;

	@Test
	void storesAndServesMediaItems() {
		ResponseEntity<Map<String, Object>> created = post("{\"title\":\" Sunset \",\"mediaType\":\"IMAGE\"}");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).containsEntry("title", "Sunset").containsEntry("mediaType", "IMAGE");

		ResponseEntity<Map<String, Object>> fetched = http().get()
			.uri(created.getHeaders().getLocation())
			.retrieve()
			.toEntity(JSON);
		assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(fetched.getBody()).containsEntry("id", created.getBody().get("id"))
			.containsEntry("title", "Sunset")
			.containsKey("createdAt");

		Map<String, Object> page = http().get().uri("/api/media?size=5").retrieve().body(JSON);
		assertThat((List<?>) page.get("content")).isNotEmpty();
	}

	@Test
	void refusesBadInputWithProblemDetailsAndStoresNothing() {
		long before = TestHttp.totalElements(http(), "/api/media");
		for (String body : List.of("{\"title\":\"\",\"mediaType\":\"IMAGE\"}", "{\"title\":\"x\",\"mediaType\":\"PDF\"}",
				"{\"title\":\"x\"}", "{\"title\":\"" + "x".repeat(201) + "\",\"mediaType\":\"VIDEO\"}", "{not json",
				"[]")) {
			assertProblem(post(body), HttpStatus.BAD_REQUEST, body);
		}
		assertThat(TestHttp.totalElements(http(), "/api/media")).isEqualTo(before);
	}

	@Test
	void enforcesTheTitleLimitOfTheCurrentSettings() {
		assertThat(post("{\"title\":\"A long title\",\"mediaType\":\"IMAGE\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		long before = TestHttp.totalElements(http(), "/api/media");
		this.properties.setMaxTitleLength(5);
		try {
			ResponseEntity<Map<String, Object>> refused = post("{\"title\":\"A long title\",\"mediaType\":\"IMAGE\"}");
			assertProblem(refused, HttpStatus.BAD_REQUEST, "title over the limit");
			assertThat(refused.getBody()).containsEntry("detail", "The title is longer than 5 characters");
			assertThat(post("{\"title\":\"Short\",\"mediaType\":\"IMAGE\"}").getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
		}
		finally {
			this.properties.setMaxTitleLength(200);
		}
		assertThat(TestHttp.totalElements(http(), "/api/media")).isEqualTo(before + 1);
	}

	@Test
	void answersUnknownIdsWithNotFound() {
		assertProblem(http().get().uri("/api/media/987654321").retrieve().toEntity(JSON), HttpStatus.NOT_FOUND,
				"unknown id");
		assertProblem(http().get().uri("/api/media/abc").retrieve().toEntity(JSON), HttpStatus.BAD_REQUEST,
				"malformed id");
	}

	private ResponseEntity<Map<String, Object>> post(String body) {
		return TestHttp.postJson(http(), "/api/media", body);
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
