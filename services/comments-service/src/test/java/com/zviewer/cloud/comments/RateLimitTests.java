package com.zviewer.cloud.comments;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.comments.CommentsApi.id;
import static com.zviewer.cloud.comments.CommentsApi.newMedia;
import static com.zviewer.cloud.comments.CommentsApi.newUser;
import static com.zviewer.cloud.comments.CommentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The rate limit per user, lowered while the service runs as a change in config-repo would. */
@CommentsServiceTest
class RateLimitTests extends CommentsServiceTestSupport {

	@Test
	void refusesCommentsBeyondTheLimitWithRetryAfterAndStoresNothing() {
		long media = newMedia();
		long author = newUser();
		withSettings(Map.of("zviewer.comments.rate-limit.max-comments", "3",
				"zviewer.comments.rate-limit.window", "10m"), () -> {
			long first = id(this.api.commented(user(author), media, "One"));
			this.api.commented(user(author), media, "Two");
			this.api.replied(user(author), first, "Three, a reply");

			for (ResponseEntity<Map<String, Object>> refused : java.util.List.of(
					this.api.comment(user(author), media, "Four"), this.api.reply(user(author), first, "Four"))) {
				assertProblem(refused, HttpStatus.TOO_MANY_REQUESTS, "over the limit");
				long retryAfter = Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
				assertThat(retryAfter).as("until the oldest of the three leaves the 10 min window")
					.isBetween(1L, 600L)
					.isGreaterThan(500L);
				assertThat(refused.getBody()).containsEntry("limit", 3)
					.containsEntry("windowSeconds", 600)
					.containsEntry("retryAfterSeconds", (int) retryAfter);
			}
			assertThat(this.api.total(null, "/api/comments?mediaId=" + media)).isEqualTo(2);
			assertThat(this.api.total(null, "/api/comments/" + first + "/replies")).isEqualTo(1);

			// The limit is each user's own.
			this.api.commented(user(newUser()), media, "Someone else");
		});
		// Back to the configured limit.
		this.api.commented(user(author), media, "Four");
		assertThat(this.api.total(null, "/api/comments?mediaId=" + media)).isEqualTo(4);
	}

	@Test
	void deletingDoesNotGiveCommentsBack() {
		long media = newMedia();
		long author = newUser();
		withSettings(Map.of("zviewer.comments.rate-limit.max-comments", "1"), () -> {
			long only = id(this.api.commented(user(author), media, "Only one"));
			this.api.delete(user(author), only);
			assertProblem(this.api.comment(user(author), media, "Another"), HttpStatus.TOO_MANY_REQUESTS, "after delete");
		});
	}

}
