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
 * comments-service's moderation API ({@code /api/comments}), called with the administrator's own token; refusals and
 * failures mapped as {@link RemoteService} describes.
 */
@Component
class CommentsServiceModeration {

	private static final ParameterizedTypeReference<RemoteService.Page<CommentView>> PAGE =
			new ParameterizedTypeReference<>() {
	};

	private final RemoteService commentsService;

	@Autowired
	CommentsServiceModeration(@LoadBalanced RestClient.Builder loadBalanced) {
		this(loadBalanced, "http://comments-service");
	}

	CommentsServiceModeration(RestClient.Builder loadBalanced, String baseUrl) {
		this.commentsService = new RemoteService(loadBalanced, baseUrl, "Comments");
	}

	/** The flagged comments, oldest first. */
	RemoteService.Page<CommentView> flagged(Jwt admin, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("page", page);
		params.put("size", size);
		return this.commentsService.call(() -> this.commentsService.client()
			.get()
			.uri(RemoteService.withQuery("/api/comments/moderation", params), params)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.retrieve()
			.body(PAGE));
	}

	CommentView moderate(Jwt admin, long id, CommentStatus status, String reason) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		if (reason != null) {
			body.put("reason", reason);
		}
		return this.commentsService.call(() -> this.commentsService.client()
			.put()
			.uri("/api/comments/{id}/moderation", id)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(CommentView.class));
	}

	void delete(Jwt admin, long id) {
		this.commentsService.run(() -> this.commentsService.client()
			.delete()
			.uri("/api/comments/{id}", id)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.retrieve()
			.toBodilessEntity());
	}

}
