package com.zviewer.cloud.comments;

import com.zviewer.cloud.starter.security.Caller;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Asks media-service ({@code GET /api/media/{id}} through Eureka, with the caller's own token) whether a media item
 * exists and is visible to the caller, before a comment on it is written. A media item media-service does not show the
 * caller (404, 403) is a 422 here: the request names something the caller cannot comment on. Other refusals (4xx) are
 * passed on with their status; media-service unreachable is 503, failing (5xx, anything else) 502.
 */
@Component
class MediaCatalog {

	static final String BASE_URL = "http://media-service";

	private static final Log logger = LogFactory.getLog(MediaCatalog.class);

	private final RestClient mediaService;

	@Autowired
	MediaCatalog(@LoadBalanced RestClient.Builder loadBalanced) {
		this(loadBalanced, BASE_URL);
	}

	MediaCatalog(RestClient.Builder loadBalanced, String baseUrl) {
		this.mediaService = loadBalanced.clone().baseUrl(baseUrl).build();
	}

	void checkVisible(long mediaId, Caller caller) {
		HttpStatusCode status;
		try {
			status = this.mediaService.get()
				.uri("/api/media/{id}", mediaId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.accessToken())
				.retrieve()
				.onStatus((code) -> true, (request, response) -> {
				})
				.toBodilessEntity()
				.getStatusCode();
		}
		catch (ResourceAccessException | IllegalStateException | IllegalArgumentException ex) {
			// No connection, a timeout, or no instance registered (the load balancer says so with an
			// IllegalStateException, or an IllegalArgumentException when retrying).
			logger.warn("media-service cannot be reached: " + ex.getMessage());
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Media items cannot be checked right now; try again", ex);
		}
		catch (RestClientException ex) {
			logger.warn("media-service gave an answer that cannot be read: " + ex.getMessage());
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					"Media items cannot be checked right now: media-service gave an unreadable answer", ex);
		}
		if (status.is2xxSuccessful()) {
			return;
		}
		if (status.value() == 404 || status.value() == 403) {
			throw Problems.unprocessable("No media item " + mediaId + " that you can see");
		}
		if (status.is4xxClientError()) {
			throw new ResponseStatusException(status, "media-service refused to show media item " + mediaId);
		}
		logger.warn("media-service answered " + status.value());
		throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
				"Media items cannot be checked right now: media-service failed (" + status.value() + "); try again");
	}

}
