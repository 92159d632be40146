package com.zviewer.cloud.admin.users;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.admin.remote.RemoteService;

import static com.zviewer.cloud.admin.remote.RemoteService.bearer;

/**
 * auth-service's internal user API ({@code /internal/users}), reached through Eureka and called with the access token
 * of the administrator on whose behalf admin-service acts: auth-service decides for itself whether the caller may.
 * Its refusals and failures are mapped as {@link RemoteService} describes.
 */
@Component
class AuthServiceUsers {

	static final String BASE_URL = "http://auth-service";

	private final RemoteService authService;

	@Autowired
	AuthServiceUsers(@LoadBalanced RestClient.Builder loadBalanced) {
		this(loadBalanced, BASE_URL);
	}

	AuthServiceUsers(RestClient.Builder loadBalanced, String baseUrl) {
		this.authService = new RemoteService(loadBalanced, baseUrl, "User accounts");
	}

	UserView.Page list(Jwt admin, String q, Role role, AccountStatus status, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		if (q != null) {
			params.put("q", q);
		}
		if (role != null) {
			params.put("role", role);
		}
		if (status != null) {
			params.put("status", status);
		}
		params.put("page", page);
		params.put("size", size);
		return this.authService.call(() -> this.authService.client()
			.get()
			.uri(RemoteService.withQuery("/internal/users", params), params)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.retrieve()
			.body(UserView.Page.class));
	}

	UserView get(Jwt admin, long id) {
		return this.authService.call(() -> this.authService.client()
			.get()
			.uri("/internal/users/{id}", id)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.retrieve()
			.body(UserView.class));
	}

	UserView changeRole(Jwt admin, long id, Role role) {
		return put(admin, "/internal/users/{id}/role", id, Map.of("role", role));
	}

	UserView changeStatus(Jwt admin, long id, AccountStatus status, String reason) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("reason", reason);
		return put(admin, "/internal/users/{id}/status", id, body);
	}

	private UserView put(Jwt admin, String uri, long id, Map<String, Object> body) {
		return this.authService.call(() -> this.authService.client()
			.put()
			.uri(uri, id)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(UserView.class));
	}

}
