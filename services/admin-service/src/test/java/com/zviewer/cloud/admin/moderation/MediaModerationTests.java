package com.zviewer.cloud.admin.moderation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

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
 * Content moderation through media-service, stood in for by a small HTTP server that keeps items in memory, applies
 * media-service's rules (unknown ids are 404, a rejection needs a reason) and fails with a 500 on item 500.
 */
class MediaModerationTests extends AdminServiceTestSupport {

	static final long FAILING_ID = 500;

	final Map<Long, Map<String, Object>> items = new ConcurrentHashMap<>();

	@BeforeEach
	void mediaService() {
		for (long id = 101; id <= 105; id++) {
			this.items.put(id, item(id, (id == 105) ? "APPROVED" : "PENDING"));
		}
		mediaService.on("GET", "/api/media", (request, path) -> {
			List<Map<String, Object>> found = this.items.values()
				.stream()
				.filter((item) -> item.get("status").equals(request.query().get("status")))
				.sorted((a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id")))
				.toList();
			return Answer.json(200, Map.of("content", found, "page",
					Map.of("size", 20, "number", 0, "totalElements", found.size(), "totalPages", 1)));
		});
		mediaService.on("PUT", "/api/media/(\\d+)/moderation", (request, path) -> {
			long id = Long.parseLong(path.group(1));
			if (id == FAILING_ID) {
				return Answer.text(500, "Something broke");
			}
			Map<String, Object> item = this.items.get(id);
			if (item == null) {
				return Answer.problem(404, "No media item " + id);
			}
			Map<String, Object> decision = request.json();
			if ("REJECTED".equals(decision.get("status")) && decision.get("reason") == null) {
				return Answer.problem(400, "A rejection needs a reason");
			}
			item.put("status", decision.get("status"));
			item.put("rejectionReason", decision.get("reason"));
			return Answer.json(200, item);
		});
	}

	@Test
	void listsTheModerationQueueWithTheAdministratorsOwnToken() {
		ResponseEntity<Map<String, Object>> queue = api().get("/api/admin/media", ADMIN);
		assertThat(queue.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(content(queue)).extracting((item) -> item.get("id")).containsExactly(101, 102, 103, 104);
		assertThat(content(queue).get(0)).containsEntry("title", "Item 101")
			.containsEntry("ownerId", 7)
			.containsEntry("status", "PENDING")
			.containsEntry("categories", List.of("nature"))
			.containsEntry("contentUrl", "/api/media/101/content");
		assertThat(queue.getBody().get("page")).isEqualTo(Map.of("size", 20, "number", 0, "totalElements", 4,
				"totalPages", 1));
		assertThat(mediaService.last().path()).isEqualTo("/api/media");
		assertThat(mediaService.last().authorization()).isEqualTo(ADMIN);
		assertThat(mediaService.last().query()).containsExactly(Map.entry("status", "PENDING"), Map.entry("page", "0"),
				Map.entry("size", "20"), Map.entry("sort", "createdAt,asc"));

		ResponseEntity<Map<String, Object>> approved = api().get("/api/admin/media?status=APPROVED&page=2&size=5",
				ADMIN);
		assertThat(content(approved)).extracting((item) -> item.get("id")).containsExactly(105);
		assertThat(mediaService.last().query()).containsEntry("status", "APPROVED")
			.containsEntry("page", "2")
			.containsEntry("size", "5");
	}

	@Test
	void approvesAndRejectsAndAuditsEachDecision() {
		ResponseEntity<Map<String, Object>> approved = api().put("/api/admin/media/101/moderation",
				"{\"status\":\"APPROVED\",\"reason\":\"ignored\"}", ADMIN);
		assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(approved.getBody()).containsEntry("id", 101).containsEntry("status", "APPROVED");
		assertThat(mediaService.last().method()).isEqualTo("PUT");
		assertThat(mediaService.last().path()).isEqualTo("/api/media/101/moderation");
		assertThat(mediaService.last().authorization()).isEqualTo(ADMIN);
		assertThat(mediaService.last().json()).isEqualTo(Map.of("status", "APPROVED"));

		ResponseEntity<Map<String, Object>> rejected = api().put("/api/admin/media/102/moderation",
				"{\"status\":\"REJECTED\",\"reason\":\" off-topic \"}", ADMIN);
		assertThat(rejected.getBody()).containsEntry("status", "REJECTED")
			.containsEntry("rejectionReason", "off-topic");
		assertThat(mediaService.last().json()).isEqualTo(Map.of("status", "REJECTED", "reason", "off-topic"));

		List<Map<String, Object>> first = audited("media:101");
		assertThat(first).hasSize(1);
		assertThat(first.get(0)).containsEntry("actor", "user:" + ADMIN_ID)
			.containsEntry("action", "media.moderated")
			.containsEntry("target", "media:101")
			.containsEntry("details", Map.of("status", "APPROVED"));
		assertThat(first.get(0).get("occurredAt")).isNotNull();
		assertThat(audited("media:102")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("details",
					Map.of("status", "REJECTED", "reason", "off-topic")));
	}

	@Test
	void passesOnWhatMediaServiceRefusesOrFailsOnAndAuditsNothing() {
		long before = auditSize();

		ResponseEntity<Map<String, Object>> unknown = api().put("/api/admin/media/404/moderation",
				"{\"status\":\"APPROVED\"}", ADMIN);
		assertProblem(unknown, HttpStatus.NOT_FOUND, "unknown item");
		assertThat(unknown.getBody()).containsEntry("detail", "No media item 404")
			.containsEntry("instance", "/api/admin/media/404/moderation");

		ResponseEntity<Map<String, Object>> failed = api().put("/api/admin/media/500/moderation",
				"{\"status\":\"REJECTED\",\"reason\":\"spam\"}", ADMIN);
		assertProblem(failed, HttpStatus.BAD_GATEWAY, "media-service failing");
		assertThat(failed.getBody()).containsEntry("detail",
				"Media cannot be managed right now: media-service failed (500); try again");

		assertThat(mediaService.received()).hasSize(2);
		assertThat(auditSize()).isEqualTo(before);
		assertThat(audited("media:404")).isEmpty();
		assertThat(audited("media:500")).isEmpty();
	}

	@Test
	void decidesOnManyItemsAndReportsEachAuditingOnlyWhatWasDone() {
		ResponseEntity<Map<String, Object>> answer = api().post("/api/admin/media/moderation",
				"{\"ids\":[103,404,104,500],\"status\":\"REJECTED\",\"reason\":\"duplicate\"}", ADMIN);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getBody().get("results")).isEqualTo(List.of(Map.of("id", 103, "outcome", "DONE"),
				Map.of("id", 404, "outcome", "FAILED", "status", 404, "detail", "No media item 404"),
				Map.of("id", 104, "outcome", "DONE"), Map.of("id", 500, "outcome", "FAILED", "status", 502, "detail",
						"Media cannot be managed right now: media-service failed (500); try again")));
		assertThat(mediaService.received()).extracting((request) -> request.path())
			.containsExactly("/api/media/103/moderation", "/api/media/404/moderation", "/api/media/104/moderation",
					"/api/media/500/moderation");
		assertThat(mediaService.received()).allSatisfy((request) -> {
			assertThat(request.authorization()).isEqualTo(ADMIN);
			assertThat(request.json()).isEqualTo(Map.of("status", "REJECTED", "reason", "duplicate"));
		});
		assertThat(this.items.get(103L)).containsEntry("status", "REJECTED");
		for (String target : List.of("media:103", "media:104")) {
			assertThat(audited(target)).as(target)
				.singleElement()
				.satisfies((event) -> assertThat(event).containsEntry("action", "media.moderated")
					.containsEntry("actor", "user:" + ADMIN_ID)
					.containsEntry("details", Map.of("status", "REJECTED", "reason", "duplicate", "bulk", true)));
		}
		assertThat(audited("media:404")).isEmpty();
		assertThat(audited("media:500")).isEmpty();
	}

	@Test
	void refusesBadRequestsWithProblemDetailsWithoutAskingMediaService() {
		long before = auditSize();
		String hundredAndOne = LongStream.rangeClosed(1, 101)
			.mapToObj(Long::toString)
			.collect(Collectors.joining(",", "[", "]"));
		Map<String, String> single = new LinkedHashMap<>();
		single.put("malformed JSON", "{\"status\":");
		single.put("no body", "");
		single.put("no status", "{\"reason\":\"spam\"}");
		single.put("unknown status", "{\"status\":\"MAYBE\"}");
		single.put("PENDING is no decision", "{\"status\":\"PENDING\"}");
		single.put("rejection without reason", "{\"status\":\"REJECTED\"}");
		single.put("rejection with a blank reason", "{\"status\":\"REJECTED\",\"reason\":\"  \"}");
		single.put("reason too long", "{\"status\":\"REJECTED\",\"reason\":\"" + "x".repeat(1001) + "\"}");
		single.put("an array", "[]");
		single.forEach((what, body) -> assertProblem(api().put("/api/admin/media/101/moderation", body, ADMIN),
				HttpStatus.BAD_REQUEST, what));
		assertProblem(api().put("/api/admin/media/abc/moderation", "{\"status\":\"APPROVED\"}", ADMIN),
				HttpStatus.BAD_REQUEST, "id not a number");
		assertProblem(api().put("/api/admin/media/0/moderation", "{\"status\":\"APPROVED\"}", ADMIN),
				HttpStatus.BAD_REQUEST, "id not positive");
		assertThat(api().put("/api/admin/media/101/moderation", "{\"status\":\"REJECTED\"}", ADMIN).getBody())
			.containsEntry("detail", "Say why the media is REJECTED");

		Map<String, String> bulk = new LinkedHashMap<>();
		bulk.put("malformed JSON", "{\"ids\":[1,");
		bulk.put("too many ids", "{\"ids\":" + hundredAndOne + ",\"status\":\"APPROVED\"}");
		bulk.put("no ids", "{\"ids\":[],\"status\":\"APPROVED\"}");
		bulk.put("ids missing", "{\"status\":\"APPROVED\"}");
		bulk.put("an id twice", "{\"ids\":[101,102,101],\"status\":\"APPROVED\"}");
		bulk.put("a null id", "{\"ids\":[101,null],\"status\":\"APPROVED\"}");
		bulk.put("a negative id", "{\"ids\":[101,-2],\"status\":\"APPROVED\"}");
		bulk.put("an id not a number", "{\"ids\":[\"x\"],\"status\":\"APPROVED\"}");
		bulk.put("unknown status", "{\"ids\":[101],\"status\":\"DELETED\"}");
		bulk.put("rejection without reason", "{\"ids\":[101],\"status\":\"REJECTED\"}");
		bulk.forEach((what, body) -> assertProblem(api().post("/api/admin/media/moderation", body, ADMIN),
				HttpStatus.BAD_REQUEST, "bulk " + what));
		assertThat(api().post("/api/admin/media/moderation", "{\"ids\":[101,102,101],\"status\":\"APPROVED\"}", ADMIN)
			.getBody()).containsEntry("detail", "Media item 101 is listed twice");

		for (String query : List.of("?status=GONE", "?size=0", "?size=101", "?page=-1", "?page=x")) {
			assertProblem(api().get("/api/admin/media" + query, ADMIN), HttpStatus.BAD_REQUEST, query);
		}
		assertThat(mediaService.received()).isEmpty();
		assertThat(auditSize()).isEqualTo(before);
		assertThat(this.items.values()).extracting((item) -> item.get("status")).doesNotContain("REJECTED");
	}

	@Test
	void acceptsOneHundredIdsAtOnce() {
		List<Long> ids = new ArrayList<>();
		for (long id = 1001; id <= 1100; id++) {
			this.items.put(id, item(id, "PENDING"));
			ids.add(id);
		}
		ResponseEntity<Map<String, Object>> answer = api().post("/api/admin/media/moderation",
				"{\"ids\":" + ids + ",\"status\":\"APPROVED\"}", ADMIN);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((List<?>) answer.getBody().get("results")).hasSize(100)
			.allSatisfy((result) -> assertThat(((Map<?, ?>) result).get("outcome")).isEqualTo("DONE"));
		assertThat(audited("media:1100")).hasSize(1);
	}

	static Map<String, Object> item(long id, String status) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("id", id);
		item.put("ownerId", 7);
		item.put("title", "Item " + id);
		item.put("description", null);
		item.put("categories", List.of("nature"));
		item.put("mediaType", "IMAGE");
		item.put("contentType", "image/png");
		item.put("size", 1234);
		item.put("width", 10);
		item.put("height", 10);
		item.put("durationMillis", null);
		item.put("originalFilename", "item.png");
		item.put("contentHash", "abc");
		item.put("status", status);
		item.put("rejectionReason", null);
		item.put("thumbnailStatus", "READY");
		item.put("contentUrl", "/api/media/" + id + "/content");
		item.put("thumbnailUrl", "/api/media/" + id + "/thumbnail");
		item.put("createdAt", "2026-11-01T10:00:00Z");
		item.put("updatedAt", "2026-11-01T10:00:00Z");
		return item;
	}

}
