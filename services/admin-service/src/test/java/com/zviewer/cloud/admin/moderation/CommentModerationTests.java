package com.zviewer.cloud.admin.moderation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.zviewer.cloud.admin.AdminServiceTestSupport;
import com.zviewer.cloud.admin.ServiceStandIn.Answer;

import static com.zviewer.cloud.admin.AdminApi.content;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comment moderation through comments-service, stood in for by a small HTTP server that keeps comments in memory,
 * answers unknown ids with 404 and fails with a 500 on comment 500.
 */
class CommentModerationTests extends AdminServiceTestSupport {

	final Map<Long, Map<String, Object>> comments = new ConcurrentHashMap<>();

	@BeforeEach
	void commentsService() {
		this.comments.put(201L, comment(201, "FLAGGED"));
		this.comments.put(202L, comment(202, "FLAGGED"));
		this.comments.put(203L, comment(203, "VISIBLE"));
		commentsService.on("GET", "/api/comments/moderation", (request, path) -> {
			List<Map<String, Object>> flagged = this.comments.values()
				.stream()
				.filter((comment) -> comment.get("status").equals("FLAGGED"))
				.sorted((a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id")))
				.toList();
			return Answer.json(200, Map.of("content", flagged, "page",
					Map.of("size", 20, "number", 0, "totalElements", flagged.size(), "totalPages", 1)));
		});
		commentsService.on("PUT", "/api/comments/(\\d+)/moderation", (request, path) -> {
			Map<String, Object> comment = find(Long.parseLong(path.group(1)));
			if (comment == null) {
				return failure(Long.parseLong(path.group(1)));
			}
			comment.put("status", request.json().get("status"));
			return Answer.json(200, comment);
		});
		commentsService.on("DELETE", "/api/comments/(\\d+)", (request, path) -> {
			Map<String, Object> comment = find(Long.parseLong(path.group(1)));
			if (comment == null) {
				return failure(Long.parseLong(path.group(1)));
			}
			comment.put("status", "DELETED");
			return Answer.noContent();
		});
	}

	@Test
	void listsFlaggedCommentsWithTheAdministratorsOwnToken() {
		ResponseEntity<Map<String, Object>> flagged = api().get("/api/admin/comments/flagged?page=1&size=5", ADMIN);
		assertThat(flagged.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(content(flagged)).extracting((comment) -> comment.get("id")).containsExactly(201, 202);
		assertThat(content(flagged).get(0)).containsEntry("mediaId", 9)
			.containsEntry("parentId", null)
			.containsEntry("authorId", "7")
			.containsEntry("authorName", "Ann")
			.containsEntry("text", "Comment 201")
			.containsEntry("replyCount", 0)
			.containsEntry("edited", false);
		assertThat(commentsService.last().path()).isEqualTo("/api/comments/moderation");
		assertThat(commentsService.last().authorization()).isEqualTo(ADMIN);
		assertThat(commentsService.last().query()).containsExactly(Map.entry("page", "1"), Map.entry("size", "5"));
	}

	@Test
	void showsRemovesAndDeletesCommentsAndAuditsEachChange() {
		ResponseEntity<Map<String, Object>> shown = api().put("/api/admin/comments/201/moderation",
				"{\"status\":\"VISIBLE\"}", ADMIN);
		assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(shown.getBody()).containsEntry("id", 201).containsEntry("status", "VISIBLE");
		assertThat(commentsService.last().method()).isEqualTo("PUT");
		assertThat(commentsService.last().path()).isEqualTo("/api/comments/201/moderation");
		assertThat(commentsService.last().authorization()).isEqualTo(ADMIN);
		assertThat(commentsService.last().json()).isEqualTo(Map.of("status", "VISIBLE"));

		ResponseEntity<Map<String, Object>> removed = api().put("/api/admin/comments/202/moderation",
				"{\"status\":\"REMOVED\",\"reason\":\" insults \"}", ADMIN);
		assertThat(removed.getBody()).containsEntry("status", "REMOVED");
		assertThat(commentsService.last().json()).isEqualTo(Map.of("status", "REMOVED", "reason", "insults"));

		ResponseEntity<Map<String, Object>> deleted = api().delete("/api/admin/comments/203", ADMIN);
		assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(commentsService.last().method()).isEqualTo("DELETE");
		assertThat(commentsService.last().path()).isEqualTo("/api/comments/203");
		assertThat(commentsService.last().authorization()).isEqualTo(ADMIN);
		assertThat(this.comments.get(203L)).containsEntry("status", "DELETED");

		assertThat(audited("comment:201")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("actor", "user:" + ADMIN_ID)
				.containsEntry("action", "comment.moderated")
				.containsEntry("details", Map.of("status", "VISIBLE")));
		assertThat(audited("comment:202")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("action", "comment.moderated")
				.containsEntry("details", Map.of("status", "REMOVED", "reason", "insults")));
		assertThat(audited("comment:203")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("actor", "user:" + ADMIN_ID)
				.containsEntry("action", "comment.deleted")
				.containsEntry("details", null));
	}

	@Test
	void passesOnWhatCommentsServiceRefusesOrFailsOnAndAuditsNothing() {
		long before = auditSize();
		ResponseEntity<Map<String, Object>> unknown = api().put("/api/admin/comments/404/moderation",
				"{\"status\":\"VISIBLE\"}", ADMIN);
		assertProblem(unknown, HttpStatus.NOT_FOUND, "unknown comment");
		assertThat(unknown.getBody()).containsEntry("detail", "No comment 404");
		assertProblem(api().delete("/api/admin/comments/404", ADMIN), HttpStatus.NOT_FOUND, "delete unknown");
		assertProblem(api().put("/api/admin/comments/500/moderation", "{\"status\":\"REMOVED\",\"reason\":\"x\"}",
				ADMIN), HttpStatus.BAD_GATEWAY, "moderation failing");
		ResponseEntity<Map<String, Object>> failed = api().delete("/api/admin/comments/500", ADMIN);
		assertProblem(failed, HttpStatus.BAD_GATEWAY, "deletion failing");
		assertThat(failed.getBody()).containsEntry("detail",
				"Comments cannot be managed right now: comments-service failed (500); try again");
		assertThat(commentsService.received()).hasSize(4);
		assertThat(auditSize()).isEqualTo(before);
	}

	@Test
	void refusesBadRequestsWithProblemDetailsWithoutAskingCommentsService() {
		long before = auditSize();
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("malformed JSON", "{\"status\"");
		bodies.put("no status", "{}");
		bodies.put("unknown status", "{\"status\":\"HIDDEN\"}");
		bodies.put("FLAGGED is no decision", "{\"status\":\"FLAGGED\"}");
		bodies.put("DELETED is no decision", "{\"status\":\"DELETED\"}");
		bodies.put("removal without reason", "{\"status\":\"REMOVED\"}");
		bodies.put("removal with a blank reason", "{\"status\":\"REMOVED\",\"reason\":\"\"}");
		bodies.put("reason too long", "{\"status\":\"REMOVED\",\"reason\":\"" + "x".repeat(1001) + "\"}");
		bodies.forEach((what, body) -> assertProblem(api().put("/api/admin/comments/201/moderation", body, ADMIN),
				HttpStatus.BAD_REQUEST, what));
		assertThat(api().put("/api/admin/comments/201/moderation", "{\"status\":\"REMOVED\"}", ADMIN).getBody())
			.containsEntry("detail", "Say why the comment is REMOVED");
		assertProblem(api().delete("/api/admin/comments/x", ADMIN), HttpStatus.BAD_REQUEST, "id not a number");
		assertProblem(api().delete("/api/admin/comments/-1", ADMIN), HttpStatus.BAD_REQUEST, "id negative");
		for (String query : List.of("?size=0", "?size=101", "?page=-1")) {
			assertProblem(api().get("/api/admin/comments/flagged" + query, ADMIN), HttpStatus.BAD_REQUEST, query);
		}
		assertThat(commentsService.received()).isEmpty();
		assertThat(auditSize()).isEqualTo(before);
	}

	private Map<String, Object> find(long id) {
		return this.comments.get(id);
	}

	private static Answer failure(long id) {
		return (id == 500) ? Answer.text(500, "Something broke") : Answer.problem(404, "No comment " + id);
	}

	static Map<String, Object> comment(long id, String status) {
		Map<String, Object> comment = new LinkedHashMap<>();
		comment.put("id", id);
		comment.put("mediaId", 9);
		comment.put("parentId", null);
		comment.put("authorId", "7");
		comment.put("authorName", "Ann");
		comment.put("text", "Comment " + id);
		comment.put("status", status);
		comment.put("replyCount", 0);
		comment.put("edited", false);
		comment.put("createdAt", "2026-11-01T10:00:00Z");
		comment.put("updatedAt", "2026-11-01T10:00:00Z");
		return comment;
	}

}
