package com.zviewer.cloud.admin.users;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.server.ResponseStatusException;

/**
 * auth-service's internal user API ({@code /internal/users}), reached through Eureka and called with the access token
 * of the administrator on whose behalf admin-service acts: auth-service decides for itself whether the caller may.
 * <p>
 * What auth-service refuses (4xx) is refused here with the same status and detail; when it cannot be reached the
 * answer is 503, and when it fails (5xx, or an answer that cannot be read) 502, in both cases as
 * {@link ResponseStatusException}s that Spring MVC turns into problem details.
 */
@Component
class AuthServiceUsers {

	static final String BASE_URL = "http://auth-service";

	private static final Log logger = LogFactory.getLog(AuthServiceUsers.class);

	private final RestClient authService;

	@Autowired
	AuthServiceUsers(@LoadBalanced RestClient.Builder loadBalanced) {
		this(loadBalanced, BASE_URL);
	}

	AuthServiceUsers(RestClient.Builder loadBalanced, String baseUrl) {
		this.authService = loadBalanced.clone().baseUrl(baseUrl).build();
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
		// Values go in as URI variables, so that they are encoded whatever they contain ('&', '+', '#', ...).
		String query = params.keySet().stream().map((name) -> name + "={" + name + "}").collect(Collectors.joining("&"));
		return call(() -> this.authService.get()
			.uri("/internal/users?" + query, params)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.retrieve()
			.body(UserView.Page.class));
	}

	UserView get(Jwt admin, long id) {
		return call(() -> this.authService.get()
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
		return call(() -> this.authService.put()
			.uri(uri, id)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(UserView.class));
	}

	private static String bearer(Jwt admin) {
		return "Bearer " + admin.getTokenValue();
	}

	private static <T> T call(Supplier<T> request) {
		T answer;
		try {
			answer = request.get();
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().is4xxClientError()) {
				throw new ResponseStatusException(ex.getStatusCode(), detail(ex));
			}
			logger.warn("auth-service answered " + ex.getStatusCode().value());
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					"User accounts cannot be managed right now: auth-service failed (" + ex.getStatusCode().value()
							+ "); try again",
					ex);
		}
		catch (ResourceAccessException | IllegalStateException | IllegalArgumentException ex) {
			// No connection, a timeout, or no instance registered: the load balancer's interceptors say so with an
			// IllegalStateException ("No instances available for ...") or, retrying, an IllegalArgumentException
			// ("Service Instance cannot be null ...").
			logger.warn("auth-service cannot be reached: " + ex.getMessage());
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"User accounts cannot be reached right now; try again", ex);
		}
		catch (RestClientException ex) {
			logger.warn("auth-service gave an answer that cannot be read: " + ex.getMessage());
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					"User accounts cannot be managed right now: auth-service gave an unreadable answer", ex);
		}
		if (answer == null) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					"User accounts cannot be managed right now: auth-service gave an empty answer");
		}
		return answer;
	}

	/** The {@code detail} of auth-service's problem answer, or its status's reason phrase. */
	private static String detail(RestClientResponseException ex) {
		try {
			Problem problem = ex.getResponseBodyAs(Problem.class);
			if (problem != null && problem.detail() != null && !problem.detail().isBlank()) {
				return problem.detail();
			}
		}
		catch (RuntimeException notAProblem) {
			// Not RFC 9457 JSON: fall back to the status.
		}
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		return "auth-service refused: " + ((status != null) ? status.getReasonPhrase() : ex.getStatusCode().value());
	}

	/** The part of an RFC 9457 problem answer that is passed on. */
	record Problem(String detail) {

	}

}
