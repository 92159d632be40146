package com.zviewer.cloud.comments;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.zviewer.cloud.test.TestJwts;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The comments API as a client uses it, with an access token per user; every error comes back as a response. */
final class CommentsApi {

	private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

	final RestClient http;

	/**
	 * Over the JDK's HTTP client, which answers every response as it comes: Apache HttpClient 5 (which RestClient
	 * would otherwise pick, being on the classpath) waits out a 429's Retry-After and sends the request again by itself.
	 */
	CommentsApi(int port) {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.requestFactory(new JdkClientHttpRequestFactory())
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/** A user id no other test uses. */
	static long newUser() {
		return IDS.incrementAndGet();
	}

	/**
	 * A media item visible at the stand-in that no other test uses: never one of the stand-in's ids that answer 403 or
	 * 500.
	 */
	static long newMedia() {
		long id;
		do {
			id = 1 + IDS.incrementAndGet() % (MediaServiceStandIn.HIDDEN_FROM - 1);
		}
		while (id == MediaServiceStandIn.FORBIDDEN || id == MediaServiceStandIn.FAILING);
		return id;
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

	ResponseEntity<Map<String, Object>> get(String token, String uri) {
		return send(HttpMethod.GET, token, uri, null);
	}

	/** A GET whose answer is a JSON array. */
	ResponseEntity<List<Map<String, Object>>> getArray(String token, String uri) {
		RestClient.RequestHeadersSpec<?> request = this.http.get().uri(uri);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		return request.retrieve().toEntity(new ParameterizedTypeReference<>() {
		});
	}

	ResponseEntity<Map<String, Object>> send(HttpMethod method, String token, String uri, String json) {
		RestClient.RequestBodySpec request = this.http.method(method).uri(uri);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		if (json != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.retrieve().toEntity(JSON);
	}

	ResponseEntity<Map<String, Object>> post(String token, String uri, String json) {
		return send(HttpMethod.POST, token, uri, json);
	}

	ResponseEntity<Map<String, Object>> comment(String token, long mediaId, String text) {
		return post(token, "/api/comments", "{\"mediaId\":" + mediaId + ",\"text\":" + quoted(text) + "}");
	}

	/** Writes a comment and checks it worked; its JSON. */
	Map<String, Object> commented(String token, long mediaId, String text) {
		return created(comment(token, mediaId, text));
	}

	ResponseEntity<Map<String, Object>> reply(String token, long parentId, String text) {
		return post(token, "/api/comments/" + parentId + "/replies", "{\"text\":" + quoted(text) + "}");
	}

	Map<String, Object> replied(String token, long parentId, String text) {
		return created(reply(token, parentId, text));
	}

	ResponseEntity<Map<String, Object>> delete(String token, long id) {
		return send(HttpMethod.DELETE, token, "/api/comments/" + id, null);
	}

	private static Map<String, Object> created(ResponseEntity<Map<String, Object>> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	/** The items of a listing, checking it answered 200. */
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

	static long id(Map<String, Object> comment) {
		return ((Number) comment.get("id")).longValue();
	}

	static List<Object> texts(List<Map<String, Object>> comments) {
		return comments.stream().map((comment) -> comment.get("text")).toList();
	}

	/** The text as a JSON string. */
	static String quoted(String text) {
		return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(text);
	}

}
