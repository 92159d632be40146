package com.zviewer.cloud.admin;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.test.TestHttp.JSON;

/**
 * admin-service's API as the tests call it: every answer returned, errors included, with an {@code Authorization}
 * header value (for example {@code TestJwts.bearer(1, "ADMIN")}) or none ({@code null}).
 */
public record AdminApi(RestClient http) {

	public static AdminApi on(int port) {
		return new AdminApi(TestHttp.localhost(port));
	}

	public ResponseEntity<Map<String, Object>> get(String uri, String authorization) {
		return this.http.get().uri(uri).headers(authorization(authorization)).retrieve().toEntity(JSON);
	}

	/** A GET of an exact URI, sent as it is written. */
	public ResponseEntity<Map<String, Object>> get(URI uri, String authorization) {
		return this.http.get().uri(uri).headers(authorization(authorization)).retrieve().toEntity(JSON);
	}

	public ResponseEntity<Map<String, Object>> put(String uri, String json, String authorization) {
		return send(this.http.put().uri(uri), json, authorization);
	}

	public ResponseEntity<Map<String, Object>> post(String uri, String json, String authorization) {
		return send(this.http.post().uri(uri), json, authorization);
	}

	/** A POST with further headers. */
	public ResponseEntity<Map<String, Object>> post(String uri, String json, String authorization,
			Map<String, String> headers) {
		return send(this.http.post().uri(uri).headers((all) -> headers.forEach(all::set)), json, authorization);
	}

	public ResponseEntity<Map<String, Object>> delete(String uri, String authorization) {
		return this.http.delete().uri(uri).headers(authorization(authorization)).retrieve().toEntity(JSON);
	}

	/** The {@code content} of a paged answer. */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> content(ResponseEntity<Map<String, Object>> page) {
		return (List<Map<String, Object>>) page.getBody().get("content");
	}

	/** The {@code page.totalElements} of a paged answer. */
	public static long totalElements(ResponseEntity<Map<String, Object>> page) {
		return ((Number) ((Map<?, ?>) page.getBody().get("page")).get("totalElements")).longValue();
	}

	private static ResponseEntity<Map<String, Object>> send(RestClient.RequestBodySpec request, String json,
			String authorization) {
		return request.headers(authorization(authorization))
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(JSON);
	}

	private static Consumer<HttpHeaders> authorization(String authorization) {
		return (headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		};
	}

}
