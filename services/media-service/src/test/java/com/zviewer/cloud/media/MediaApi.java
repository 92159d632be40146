package com.zviewer.cloud.media;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.zviewer.cloud.test.TestHttp;
import com.zviewer.cloud.test.TestJwts;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The media API as a client uses it, with an access token per user; every error comes back as a response. */
final class MediaApi {

	private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

	final RestClient http;

	MediaApi(int port) {
		this.http = TestHttp.localhost(port);
	}

	/** A user id no other test uses, so that each test has its own items and quota. */
	static long newUser() {
		return USERS.incrementAndGet();
	}

	static String user(long id) {
		return TestJwts.bearer(id, "USER");
	}

	static String moderator() {
		return TestJwts.bearer(newUser(), "USER", "MODERATOR");
	}

	static String admin() {
		return TestJwts.bearer(newUser(), "USER", "ADMIN");
	}

	ResponseEntity<Map<String, Object>> upload(String token, byte[] content, String filename, String title) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", file(content, filename));
		if (title != null) {
			form.add("title", title);
		}
		return upload(token, form);
	}

	ResponseEntity<Map<String, Object>> upload(String token, MultiValueMap<String, Object> form) {
		RestClient.RequestBodySpec request = this.http.post()
			.uri("/api/media")
			.contentType(MediaType.MULTIPART_FORM_DATA);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		return request.body(form).retrieve().toEntity(JSON);
	}

	/** Uploads and checks it worked; the new item's JSON. */
	Map<String, Object> uploaded(String token, byte[] content, String filename, String title) {
		ResponseEntity<Map<String, Object>> response = upload(token, content, filename, title);
		assertThat(response.getStatusCode()).as("upload of %s: %s", filename, response.getBody())
			.isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	static ByteArrayResource file(byte[] content, String filename) {
		return new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return filename;
			}

		};
	}

	ResponseEntity<Map<String, Object>> get(String token, String uri) {
		RestClient.RequestHeadersSpec<?> request = this.http.get().uri(uri);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		return request.retrieve().toEntity(JSON);
	}

	ResponseEntity<byte[]> bytes(String token, String uri, HttpHeaders headers) {
		RestClient.RequestHeadersSpec<?> request = this.http.get().uri(uri).headers((h) -> h.addAll(headers));
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		return request.retrieve().toEntity(byte[].class);
	}

	ResponseEntity<Map<String, Object>> send(String method, String token, String uri, String contentType,
			Object body) {
		RestClient.RequestBodySpec request = this.http.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(uri);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		if (contentType != null) {
			request = request.contentType(MediaType.parseMediaType(contentType));
		}
		if (body != null) {
			request = request.body(body);
		}
		return request.retrieve().toEntity(JSON);
	}

	ResponseEntity<Map<String, Object>> json(String method, String token, String uri, String json) {
		return send(method, token, uri, MediaType.APPLICATION_JSON_VALUE, json);
	}

	/** The items of a listing. */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> list(String token, String uri) {
		ResponseEntity<Map<String, Object>> response = get(token, uri);
		assertThat(response.getStatusCode()).as("%s: %s", uri, response.getBody()).isEqualTo(HttpStatus.OK);
		return (List<Map<String, Object>>) response.getBody().get("content");
	}

	long total(String token, String uri) {
		ResponseEntity<Map<String, Object>> response = get(token, uri);
		assertThat(response.getStatusCode()).as("%s: %s", uri, response.getBody()).isEqualTo(HttpStatus.OK);
		return ((Number) ((Map<?, ?>) response.getBody().get("page")).get("totalElements")).longValue();
	}

	static long id(Map<String, Object> item) {
		return ((Number) item.get("id")).longValue();
	}

}
