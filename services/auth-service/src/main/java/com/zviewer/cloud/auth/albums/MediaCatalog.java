package com.zviewer.cloud.auth.albums;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Asks media-service (through Eureka, with the caller's own token) whether a media item exists and is visible to the
 * caller, before it goes into an album.
 */
@Component
class MediaCatalog {

	private final RestClient mediaService;

	MediaCatalog(@LoadBalanced RestClient.Builder loadBalanced) {
		this.mediaService = loadBalanced.clone().baseUrl("http://media-service").build();
	}

	void checkVisible(long mediaId, String accessToken) {
		HttpStatusCode status;
		try {
			status = this.mediaService.get()
				.uri("/api/media/{id}", mediaId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.retrieve()
				.onStatus((code) -> true, (request, response) -> {
				})
				.toBodilessEntity()
				.getStatusCode();
		}
		catch (RestClientException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Media items cannot be checked right now; try again", ex);
		}
		if (status.value() == 404 || status.value() == 403) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"No media item " + mediaId + " that you can see");
		}
		if (!status.is2xxSuccessful()) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Media items cannot be checked right now (media-service answered " + status.value() + ")");
		}
	}

}
