package com.zviewer.cloud.test;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP clients for tests that look at every answer, errors included, instead of throwing on 4xx and 5xx. */
public final class TestHttp {

	/** A JSON object as a map. */
	public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private TestHttp() {
	}

	public static RestClient client(String baseUrl) {
		return RestClient.builder()
			.baseUrl(baseUrl)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	public static RestClient localhost(int port) {
		return client("http://localhost:" + port);
	}

	public static ResponseEntity<Map<String, Object>> postJson(RestClient client, String uri, String json) {
		return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(JSON);
	}

	/** Asserts an RFC 9457 problem answer with the given status. */
	public static void assertProblem(ResponseEntity<Map<String, Object>> response, HttpStatus status, String what) {
		assertThat(response.getStatusCode()).as(what).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).as(what).containsEntry("status", status.value());
	}

	/** The {@code page.totalElements} of a paged listing. */
	public static long totalElements(RestClient client, String uri) {
		Map<String, Object> body = client.get().uri(uri).retrieve().body(JSON);
		return ((Number) ((Map<?, ?>) body.get("page")).get("totalElements")).longValue();
	}

}
