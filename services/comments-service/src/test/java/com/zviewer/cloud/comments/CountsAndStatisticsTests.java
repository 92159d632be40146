package com.zviewer.cloud.comments;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.comments.CommentsApi.admin;
import static com.zviewer.cloud.comments.CommentsApi.id;
import static com.zviewer.cloud.comments.CommentsApi.moderator;
import static com.zviewer.cloud.comments.CommentsApi.newMedia;
import static com.zviewer.cloud.comments.CommentsApi.newUser;
import static com.zviewer.cloud.comments.CommentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Counts per media item and per user, and the statistics of the shared contract. */
@CommentsServiceTest
class CountsAndStatisticsTests extends CommentsServiceTestSupport {

	@Test
	void countsVisibleCommentsPerMediaItemAndPerUser() {
		long media = newMedia();
		long other = newMedia();
		long empty = newMedia();
		long author = newUser();
		long top = id(this.api.commented(user(author), media, "One"));
		this.api.replied(user(author), top, "Two");
		long deleted = id(this.api.commented(user(author), media, "Three"));
		this.api.delete(user(author), deleted);
		this.api.commented(user(author), media, "spam");
		this.api.commented(user(newUser()), other, "Elsewhere");

		ResponseEntity<Map<String, Object>> counts = this.api.get(null,
				"/api/comments/counts?mediaId=" + media + "&mediaId=" + other + "&mediaId=" + empty);
		assertThat(counts.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(counts.getBody()).containsExactly(Map.entry(Long.toString(media), 2),
				Map.entry(Long.toString(other), 1), Map.entry(Long.toString(empty), 0));
		assertThat(this.api.get(null, "/api/comments/counts/users/" + author).getBody())
			.isEqualTo(Map.of("userId", Long.toString(author), "count", 2));
		assertThat(this.api.get(null, "/api/comments/counts/users/nobody").getBody()).containsEntry("count", 0);

		assertProblem(this.api.get(null, "/api/comments/counts"), HttpStatus.BAD_REQUEST, "no mediaId");
		assertProblem(this.api.get(null, "/api/comments/counts?mediaId=x"), HttpStatus.BAD_REQUEST, "not a number");
		assertProblem(this.api.get(null, "/api/comments/counts?mediaId=0"), HttpStatus.BAD_REQUEST, "not positive");
		StringBuilder many = new StringBuilder("/api/comments/counts?mediaId=1");
		for (int i = 2; i <= 101; i++) {
			many.append("&mediaId=").append(i);
		}
		assertProblem(this.api.get(null, many.toString()), HttpStatus.BAD_REQUEST, "101 media items");
	}

	@Test
	@SuppressWarnings("unchecked")
	void statisticsCountCommentsNotDeletedAndPerDayForStaffOnly() {
		String uri = "/api/comments/statistics";
		Map<String, Object> before = this.api.get(moderator(), uri).getBody();
		long author = newUser();
		long media = newMedia();
		this.api.commented(user(author), media, "Counted");
		long deleted = id(this.api.commented(user(author), media, "Deleted"));
		this.api.delete(user(author), deleted);

		ResponseEntity<Map<String, Object>> answer = this.api.get(admin(), uri);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> statistics = answer.getBody();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertThat(statistics).containsEntry("from", today.minusDays(29).toString())
			.containsEntry("to", today.toString());
		assertThat(((Number) statistics.get("total")).longValue())
			.isEqualTo(((Number) before.get("total")).longValue() + 1);
		List<Map<String, Object>> created = (List<Map<String, Object>>) statistics.get("created");
		assertThat(created).hasSize(30);
		assertThat(created.getFirst()).containsEntry("date", today.minusDays(29).toString()).containsEntry("count", 0);
		assertThat(((Number) created.getLast().get("count")).longValue()).as("deleted ones were created too")
			.isEqualTo(((Number) ((List<Map<String, Object>>) before.get("created")).getLast().get("count"))
				.longValue() + 2);
		assertThat((Map<String, Object>) statistics.get("byStatus")).containsKeys("VISIBLE", "FLAGGED", "REMOVED",
				"DELETED");

		Map<String, Object> range = this.api.get(moderator(), uri + "?from=2026-01-30&to=2026-02-02").getBody();
		assertThat((List<Map<String, Object>>) range.get("created")).extracting((day) -> day.get("date"))
			.containsExactly("2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02");

		assertProblem(this.api.get(user(author), uri), HttpStatus.FORBIDDEN, "a user");
		assertProblem(this.api.get(null, uri), HttpStatus.UNAUTHORIZED, "anonymous");
		for (String bad : List.of("?from=2026-02-02&to=2026-02-01", "?from=2025-01-01&to=2026-01-02",
				"?from=yesterday", "?to=2026-13-01")) {
			assertProblem(this.api.get(moderator(), uri + bad), HttpStatus.BAD_REQUEST, bad);
		}
		assertThat(this.api.get(moderator(), uri + "?from=2025-01-02&to=2026-01-02").getStatusCode())
			.as("366 days").isEqualTo(HttpStatus.OK);
	}

}
