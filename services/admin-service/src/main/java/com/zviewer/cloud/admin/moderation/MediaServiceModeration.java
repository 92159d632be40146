package com.zviewer.cloud.admin.moderation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.admin.remote.RemoteService;

import static com.zviewer.cloud.admin.remote.RemoteService.bearer;

/**
 * media-service's moderation API ({@code /api/media}), called with the administrator's own token; refusals and
 * failures mapped as {@link RemoteService} describes.
 */
@Component
class MediaServiceModeration {

	private static final ParameterizedTypeReference<RemoteService.Page<MediaView>> PAGE =
			new ParameterizedTypeReference<>() {
	};

	private final RemoteService mediaService;

	@Autowired
	MediaServiceModeration(@LoadBalanced RestClient.Builder loadBalanced) {
		this(loadBalanced, "http://media-service");
	}

	MediaServiceModeration(RestClient.Builder loadBalanced, String baseUrl) {
		this.mediaService = new RemoteService(loadBalanced, baseUrl, "Media");
	}

	/** The items with the given status, oldest first (the order in which they are to be moderated). */
	RemoteService.Page<MediaView> list(Jwt admin, MediaStatus status, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("status", status);
		params.put("page", page);
		params.put("size", size);
		params.put("sort", "createdAt,asc");
		return this.mediaService.call(() -> this.mediaService.client()
			.get()
			.uri(RemoteService.withQuery("/api/media", params), params)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.retrieve()
			.body(PAGE));
	}

	MediaView moderate(Jwt admin, long id, MediaDecision status, String reason) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		if (reason != null) {
			body.put("reason", reason);
		}
		return this.mediaService.call(() -> this.mediaService.client()
			.put()
			.uri("/api/media/{id}/moderation", id)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(MediaView.class));
	}

}
