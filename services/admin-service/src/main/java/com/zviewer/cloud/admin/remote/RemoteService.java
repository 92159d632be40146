package com.zviewer.cloud.admin.remote;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Another ZViewer service as admin-service calls it: through Eureka (the {@code @LoadBalanced RestClient.Builder} it is
 * made with), always with the access token of the administrator on whose behalf admin-service acts, so that the
 * service decides for itself whether the caller may.
 * <p>
 * What the service refuses (4xx) is refused here with the same status and its problem's detail; when it cannot be
 * reached (no connection, a timeout, no instance registered) the answer is 503, and when it fails (5xx, or an answer
 * that cannot be read or is missing) 502, in every case as a {@link ResponseStatusException} that Spring MVC turns into
 * problem details.
 */
public final class RemoteService {

	private static final Log logger = LogFactory.getLog(RemoteService.class);

	private final RestClient client;

	private final String name;

	private final String subject;

	/**
	 * A service reached at {@code baseUrl}.
	 * @param loadBalanced the load-balanced builder (cloned, not changed)
	 * @param baseUrl for example {@code http://media-service}
	 * @param subject what the service holds, as errors name it, for example {@code "Media"}
	 */
	public RemoteService(RestClient.Builder loadBalanced, String baseUrl, String subject) {
		this.client = loadBalanced.clone().baseUrl(baseUrl).build();
		this.name = baseUrl.substring(baseUrl.indexOf("//") + 2);
		this.subject = subject;
	}

	/** The client, with the service's base URL. */
	public RestClient client() {
		return this.client;
	}

	/** The service's name, as Eureka knows it. */
	public String name() {
		return this.name;
	}

	/**
	 * Sends a request and answers its body, mapping every failure as the class describes.
	 * @param request sends the request and reads the body
	 * @return the body (or the whole answer, with a body), never {@code null} (an empty answer is a 502)
	 */
	public <T> T call(Supplier<T> request) {
		T answer = send(request);
		if (answer == null || (answer instanceof ResponseEntity<?> entity && entity.getBody() == null)) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					this.subject + " cannot be managed right now: " + this.name + " gave an empty answer");
		}
		return answer;
	}

	/** Sends a request whose answer has no body, mapping every failure as the class describes. */
	public void run(Runnable request) {
		send(() -> {
			request.run();
			return null;
		});
	}

	private <T> T send(Supplier<T> request) {
		try {
			return request.get();
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().is4xxClientError()) {
				throw new ResponseStatusException(ex.getStatusCode(), detail(ex));
			}
			logger.warn(this.name + " answered " + ex.getStatusCode().value());
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, this.subject + " cannot be managed right now: "
					+ this.name + " failed (" + ex.getStatusCode().value() + "); try again", ex);
		}
		catch (ResourceAccessException | IllegalStateException | IllegalArgumentException ex) {
			// No connection, a timeout, or no instance registered: the load balancer's interceptors say so with an
			// IllegalStateException ("No instances available for ...") or, retrying, an IllegalArgumentException
			// ("Service Instance cannot be null ...").
			logger.warn(this.name + " cannot be reached: " + ex.getMessage());
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					this.subject + " cannot be reached right now; try again", ex);
		}
		catch (RestClientException ex) {
			logger.warn(this.name + " gave an answer that cannot be read: " + ex.getMessage());
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					this.subject + " cannot be managed right now: " + this.name + " gave an unreadable answer", ex);
		}
	}

	/** The {@code detail} of the service's problem answer, or its status's reason phrase. */
	private String detail(RestClientResponseException ex) {
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
		return this.name + " refused: " + ((status != null) ? status.getReasonPhrase() : ex.getStatusCode().value());
	}

	/** The value of the {@code Authorization} header that carries the administrator's access token. */
	public static String bearer(Jwt admin) {
		return "Bearer " + admin.getTokenValue();
	}

	/**
	 * A URI template of {@code path} with one query parameter per entry of {@code params}, each a URI variable of the
	 * same name, so that values are encoded whatever they contain ('&amp;', '+', '#', ...). Pass the same map as the
	 * variables.
	 */
	public static String withQuery(String path, Map<String, ?> params) {
		if (params.isEmpty()) {
			return path;
		}
		return path + "?"
				+ params.keySet().stream().map((name) -> name + "={" + name + "}").collect(Collectors.joining("&"));
	}

	/**
	 * A page of another service's resources, in the shape of Spring Data's {@link PagedModel} as the services answer
	 * it, passed on as it is.
	 *
	 * @param <T> the resource
	 * @param content the resources on this page
	 * @param page where this page is among all
	 */
	public record Page<T>(List<T> content, PagedModel.PageMetadata page) {

	}

	/** The part of an RFC 9457 problem answer that is passed on. */
	record Problem(String detail) {

	}

}
