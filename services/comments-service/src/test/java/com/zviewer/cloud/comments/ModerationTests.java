package com.zviewer.cloud.comments;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.comments.CommentsApi.admin;
import static com.zviewer.cloud.comments.CommentsApi.id;
import static com.zviewer.cloud.comments.CommentsApi.moderator;
import static com.zviewer.cloud.comments.CommentsApi.newMedia;
import static com.zviewer.cloud.comments.CommentsApi.newUser;
import static com.zviewer.cloud.comments.CommentsApi.texts;
import static com.zviewer.cloud.comments.CommentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Flagged text, reports and the moderation queue (flagged words "spam" and "buy now", the pattern of a card number and
 * two reports to flag, see {@link CommentsServiceTest}).
 */
@CommentsServiceTest
class ModerationTests extends CommentsServiceTestSupport {

	@Test
	void holdsFlaggedTextForItsAuthorAndStaffUntilAModeratorDecides() {
		long author = newUser();
		long media = newMedia();
		this.api.commented(user(author), media, "Fine words");
		Map<String, Object> flagged = this.api.commented(user(author), media, "Cheap watches, BUY NOW!");
		assertThat(flagged).containsEntry("status", "FLAGGED")
			.containsEntry("text", "Cheap watches, BUY NOW!")
			.containsEntry("moderationReason", "Held for moderation: contains the flagged word \"BUY NOW\"");
		assertThat(this.api.commented(user(author), media, "Card 1234-5678-9012 here")).containsEntry("status",
				"FLAGGED");
		assertThat(this.api.commented(user(author), media, "Spamalot is a musical")).as("whole words only")
			.containsEntry("status", "VISIBLE");
		String uri = "/api/comments/" + id(flagged);

		for (String token : new String[] { null, user(newUser()) }) {
			assertProblem(this.api.get(token, uri), HttpStatus.NOT_FOUND, "flagged, to others");
			assertThat(texts(this.api.list(token, "/api/comments?mediaId=" + media)))
				.containsExactly("Spamalot is a musical", "Fine words");
		}
		assertThat(this.api.get(user(author), uri).getBody()).containsEntry("status", "FLAGGED");
		assertThat(this.api.list(moderator(), "/api/comments?mediaId=" + media)).hasSize(4);
		assertThat(this.api.get(null, "/api/comments/counts?mediaId=" + media).getBody())
			.isEqualTo(Map.of(Long.toString(media), 2));

		assertThat(queue()).contains(id(flagged));
		ResponseEntity<Map<String, Object>> visible = moderate(moderator(), uri, "{\"status\":\"VISIBLE\"}");
		assertThat(visible.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(visible.getBody()).containsEntry("status", "VISIBLE").containsEntry("moderationReason", null);
		assertThat(this.api.get(null, uri).getBody()).containsEntry("text", "Cheap watches, BUY NOW!");
		assertThat(queue()).doesNotContain(id(flagged));

		ResponseEntity<Map<String, Object>> removed = moderate(admin(), uri,
				"{\"status\":\"REMOVED\",\"reason\":\" Advertising \"}");
		assertThat(removed.getBody()).containsEntry("status", "REMOVED").containsEntry("moderationReason", "Advertising");
		assertProblem(this.api.get(null, uri), HttpStatus.NOT_FOUND, "removed, to others");
		assertThat(this.api.get(user(author), uri).getBody()).containsEntry("status", "REMOVED")
			.containsEntry("moderationReason", "Advertising");
		assertProblem(this.api.send(HttpMethod.PATCH, user(author), uri, "{\"text\":\"Sorry\"}"), HttpStatus.CONFLICT,
				"editing a removed comment");
	}

	@Test
	void editingIntoFlaggedTextHoldsTheCommentAgain() {
		long author = newUser();
		Map<String, Object> comment = this.api.commented(user(author), newMedia(), "Innocent");
		ResponseEntity<Map<String, Object>> edited = this.api.send(HttpMethod.PATCH, user(author),
				"/api/comments/" + id(comment), "{\"text\":\"Now with spam\"}");
		assertThat(edited.getBody()).containsEntry("status", "FLAGGED").containsEntry("edited", true);
		assertThat(queue()).contains(id(comment));
	}

	@Test
	void onlyModeratorsAndAdminsModerateWithValidDecisions() {
		long author = newUser();
		String uri = "/api/comments/" + id(this.api.commented(user(author), newMedia(), "Please spam me"));
		assertProblem(moderate(user(newUser()), uri, "{\"status\":\"VISIBLE\"}"), HttpStatus.FORBIDDEN, "a user");
		assertProblem(moderate(user(author), uri, "{\"status\":\"VISIBLE\"}"), HttpStatus.FORBIDDEN, "its author");
		assertProblem(moderate(null, uri, "{\"status\":\"VISIBLE\"}"), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.get(user(author), "/api/comments/moderation"), HttpStatus.FORBIDDEN, "queue, a user");
		for (String bad : List.of("{\"status\":\"REMOVED\"}", "{\"status\":\"REMOVED\",\"reason\":\" \"}",
				"{\"status\":\"FLAGGED\"}", "{\"status\":\"DELETED\"}", "{\"status\":\"GONE\"}", "{}", "{\"status\":",
				"{\"status\":\"REMOVED\",\"reason\":\"" + "x".repeat(1001) + "\"}",
				"{\"status\":\"REMOVED\",\"reason\":\"<b>bad</b>\"}")) {
			assertProblem(moderate(moderator(), uri, bad), HttpStatus.BAD_REQUEST, bad);
		}
		assertThat(this.api.get(user(author), uri).getBody()).containsEntry("status", "FLAGGED");
		assertProblem(moderate(moderator(), "/api/comments/987654321", "{\"status\":\"VISIBLE\"}"),
				HttpStatus.NOT_FOUND, "unknown comment");

		this.api.delete(user(author), Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1)));
		assertProblem(moderate(moderator(), uri, "{\"status\":\"VISIBLE\"}"), HttpStatus.CONFLICT, "deleted");
	}

	@Test
	void theQueueListsFlaggedCommentsLongestWaitingFirst() {
		long media = newMedia();
		long first = id(this.api.commented(user(newUser()), media, "spam one"));
		long second = id(this.api.commented(user(newUser()), media, "spam two"));
		List<Long> queue = queue();
		assertThat(queue).containsSubsequence(first, second);
		ResponseEntity<Map<String, Object>> page = this.api.get(moderator(), "/api/comments/moderation?size=1");
		assertThat(((Map<?, ?>) page.getBody().get("page")).get("size")).isEqualTo(1);
		assertThat((List<?>) page.getBody().get("content")).hasSize(1);
	}

	@Test
	void usersReportCommentsOnceAndEnoughReportsFlagThem() {
		long author = newUser();
		long media = newMedia();
		long comment = id(this.api.commented(user(author), media, "Rude remark"));
		String reports = "/api/comments/" + comment + "/reports";
		long reporter = newUser();

		assertThat(this.api.post(user(reporter), reports, "{\"reason\":\"Rude\"}").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(this.api.post(user(reporter), reports, "{\"reason\":\"Still rude\"}"), HttpStatus.CONFLICT,
				"twice");
		assertProblem(this.api.post(user(author), reports, "{\"reason\":\"Me\"}"), HttpStatus.CONFLICT, "own");
		assertProblem(this.api.post(null, reports, "{\"reason\":\"Rude\"}"), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.post(user(newUser()), reports, "{}"), HttpStatus.BAD_REQUEST, "no reason");
		assertProblem(this.api.post(user(newUser()), "/api/comments/987654321/reports", "{\"reason\":\"x\"}"),
				HttpStatus.NOT_FOUND, "unknown comment");
		assertThat(this.api.get(null, "/api/comments/" + comment).getBody()).containsEntry("status", "VISIBLE");

		this.api.post(user(newUser()), reports, "{\"reason\":\"Offensive\"}");
		Map<String, Object> flagged = this.api.get(user(author), "/api/comments/" + comment).getBody();
		assertThat(flagged).containsEntry("status", "FLAGGED")
			.containsEntry("moderationReason", "Held for moderation: reported by 2 users");
		assertProblem(this.api.get(null, "/api/comments/" + comment), HttpStatus.NOT_FOUND, "flagged, to others");
		assertThat(queue()).contains(comment);

		ResponseEntity<List<Map<String, Object>>> listed = this.api.getArray(moderator(), reports);
		assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(listed.getBody()).extracting((report) -> report.get("reporterId"), (report) -> report.get("reason"))
			.containsExactly(tuple(Long.toString(reporter), "Rude"),
					tuple(listed.getBody().get(1).get("reporterId"), "Offensive"));
		assertProblem(this.api.get(user(reporter), reports), HttpStatus.FORBIDDEN, "reports, a user");

		// A moderator keeps it: the reports so far are settled; new ones count afresh.
		moderate(moderator(), "/api/comments/" + comment, "{\"status\":\"VISIBLE\"}");
		this.api.post(user(newUser()), reports, "{\"reason\":\"Again\"}");
		assertThat(this.api.get(null, "/api/comments/" + comment).getBody()).containsEntry("status", "VISIBLE");
	}

	private List<Long> queue() {
		return this.api.list(moderator(), "/api/comments/moderation?size=100")
			.stream()
			.map(CommentsApi::id)
			.toList();
	}

	private ResponseEntity<Map<String, Object>> moderate(String token, String uri, String json) {
		return this.api.send(HttpMethod.PUT, token, uri + "/moderation", json);
	}

}
