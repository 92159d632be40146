package com.zviewer.cloud.auth;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** auth-service's API as the tests call it. */
public record AuthApi(RestClient http) {

	public static AuthApi on(int port) {
		return new AuthApi(TestHttp.localhost(port));
	}

	public ResponseEntity<Map<String, Object>> register(String email, String password, String displayName) {
		return post("/api/users", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\""
				+ displayName + "\"}", null);
	}

	public ResponseEntity<Map<String, Object>> login(String email, String password) {
		return post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
	}

	/** Registers a new user and signs in; the tokens answer. */
	public Map<String, Object> signUp(String email) {
		assertThat(register(email, "correct horse battery", "Someone").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ResponseEntity<Map<String, Object>> tokens = login(email, "correct horse battery");
		assertThat(tokens.getStatusCode()).isEqualTo(HttpStatus.OK);
		return tokens.getBody();
	}

	public ResponseEntity<Map<String, Object>> refresh(String refreshToken) {
		return post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", null);
	}

	public ResponseEntity<Map<String, Object>> get(String uri, String accessToken) {
		RestClient.RequestHeadersSpec<?> request = this.http.get().uri(uri);
		if (accessToken != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
		}
		return request.retrieve().toEntity(JSON);
	}

	public ResponseEntity<Map<String, Object>> post(String uri, String json, String accessToken) {
		return send(this.http.post().uri(uri), json, accessToken);
	}

	public ResponseEntity<Map<String, Object>> put(String uri, String json, String accessToken) {
		return send(this.http.put().uri(uri), json, accessToken);
	}

	public ResponseEntity<Map<String, Object>> patch(String uri, String json, String accessToken) {
		return send(this.http.patch().uri(uri), json, accessToken);
	}

	public ResponseEntity<Map<String, Object>> delete(String uri, String accessToken) {
		return this.http.delete().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().toEntity(JSON);
	}

	private static ResponseEntity<Map<String, Object>> send(RestClient.RequestBodySpec request, String json,
			String accessToken) {
		if (accessToken != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
		}
		return request.contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(JSON);
	}

	public static String access(Map<String, Object> tokens) {
		return (String) tokens.get("accessToken");
	}

	public static String refreshToken(Map<String, Object> tokens) {
		return (String) tokens.get("refreshToken");
	}

}
