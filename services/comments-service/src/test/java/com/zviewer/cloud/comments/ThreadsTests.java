package com.zviewer.cloud.comments;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.comments.CommentsApi.id;
import static com.zviewer.cloud.comments.CommentsApi.newMedia;
import static com.zviewer.cloud.comments.CommentsApi.newUser;
import static com.zviewer.cloud.comments.CommentsApi.texts;
import static com.zviewer.cloud.comments.CommentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Comments, replies, their listings with paging and sorting, and the limit of replies. */
@CommentsServiceTest
class ThreadsTests extends CommentsServiceTestSupport {

	@Test
	void writesCommentsAsTheSignedInUserWhateverTheBodySays() {
		long author = newUser();
		long media = newMedia();
		String token = user(author);
		ResponseEntity<Map<String, Object>> created = this.api.post(token, "/api/comments", "{\"mediaId\":"
				+ media + ",\"text\":\"  Lovely light  \",\"authorId\":\"1\",\"authorName\":\"Mallory\"}");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Map<String, Object> comment = created.getBody();
		assertThat(comment).containsEntry("mediaId", (int) media)
			.containsEntry("parentId", null)
			.containsEntry("authorId", Long.toString(author))
			.containsEntry("authorName", Long.toString(author))
			.containsEntry("text", "Lovely light")
			.containsEntry("status", "VISIBLE")
			.containsEntry("replyCount", 0)
			.containsEntry("edited", false)
			.containsKeys("createdAt", "updatedAt");
		assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/comments/" + id(comment));
		assertThat(this.api.get(null, "/api/comments/" + id(comment)).getBody()).isEqualTo(comment);
		assertThat(mediaService.received().getLast().path()).isEqualTo("/api/media/" + media);
		assertThat(mediaService.received().getLast().authorization()).as("the caller's own token")
			.isEqualTo(token);

		assertProblem(this.api.comment(null, media, "Anonymous"), HttpStatus.UNAUTHORIZED, "anonymous");
		assertThat(this.api.total(null, "/api/comments?mediaId=" + media)).isEqualTo(1);
	}

	@Test
	void threadsRepliesUnderTheirCommentAndCountsThem() {
		long media = newMedia();
		String ann = user(newUser());
		String bob = user(newUser());
		long top = id(this.api.commented(ann, media, "Where was this taken?"));
		Map<String, Object> first = this.api.replied(bob, top, "In the Alps");
		assertThat(first).containsEntry("parentId", (int) top).containsEntry("mediaId", (int) media);
		ResponseEntity<Map<String, Object>> second = this.api.post(ann, "/api/comments",
				"{\"mediaId\":" + media + ",\"parentId\":" + top + ",\"text\":\"Thanks!\"}");
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		long nested = id(this.api.replied(ann, id(first), "Which valley?"));

		assertThat(this.api.get(null, "/api/comments/" + top).getBody()).containsEntry("replyCount", 2);
		assertThat(texts(this.api.list(null, "/api/comments?mediaId=" + media))).as("top-level comments only")
			.containsExactly("Where was this taken?");
		assertThat(texts(this.api.list(null, "/api/comments/" + top + "/replies"))).as("oldest reply first")
			.containsExactly("In the Alps", "Thanks!");
		assertThat(texts(this.api.list(null, "/api/comments/" + top + "/replies?sort=createdAt,desc")))
			.containsExactly("Thanks!", "In the Alps");
		assertThat(this.api.list(null, "/api/comments/" + id(first) + "/replies")).singleElement()
			.satisfies((reply) -> assertThat(id(reply)).isEqualTo(nested));

		// A reply names a comment of the same media item.
		assertProblem(this.api.post(ann, "/api/comments",
				"{\"mediaId\":" + newMedia() + ",\"parentId\":" + top + ",\"text\":\"Elsewhere\"}"),
				HttpStatus.UNPROCESSABLE_CONTENT, "parent on another media item");
		assertProblem(this.api.post(ann, "/api/comments",
				"{\"mediaId\":" + media + ",\"parentId\":987654321,\"text\":\"Nowhere\"}"),
				HttpStatus.UNPROCESSABLE_CONTENT, "unknown parent");
		assertProblem(this.api.reply(ann, 987654321, "Nowhere"), HttpStatus.NOT_FOUND, "reply to unknown");
		assertThat(this.api.get(null, "/api/comments/" + top).getBody()).containsEntry("replyCount", 2);
	}

	@Test
	void pagesAndSortsTheCommentsOfAMediaItem() {
		long media = newMedia();
		String token = user(newUser());
		for (int i = 1; i <= 5; i++) {
			this.api.commented(token, media, "Comment " + i);
		}
		this.api.commented(token, newMedia(), "On another item");
		String list = "/api/comments?mediaId=" + media;
		assertThat(texts(this.api.list(null, list + "&size=2"))).as("newest first")
			.containsExactly("Comment 5", "Comment 4");
		assertThat(texts(this.api.list(null, list + "&size=2&page=2"))).containsExactly("Comment 1");
		assertThat(texts(this.api.list(null, list + "&size=2&page=1&sort=createdAt,asc")))
			.containsExactly("Comment 3", "Comment 4");
		assertThat(texts(this.api.list(null, list + "&sort=id,asc"))).containsExactly("Comment 1", "Comment 2",
				"Comment 3", "Comment 4", "Comment 5");
		Map<String, Object> page = this.api.get(null, list + "&size=2").getBody();
		assertThat(page.get("page")).isEqualTo(Map.of("size", 2, "number", 0, "totalElements", 5, "totalPages", 3));
		assertThat(this.api.list(null, list + "&page=9")).isEmpty();

		for (String bad : List.of("&sort=text", "&sort=authorId,asc", "&size=0", "&size=101", "&page=-1",
				"&page=x")) {
			assertProblem(this.api.get(null, list + bad), HttpStatus.BAD_REQUEST, bad);
		}
		assertProblem(this.api.get(null, "/api/comments"), HttpStatus.BAD_REQUEST, "no mediaId");
		assertProblem(this.api.get(null, "/api/comments?mediaId=abc"), HttpStatus.BAD_REQUEST, "mediaId not a number");
	}

	@Test
	void refusesRepliesBeyondTheLimitSetAtRunTime() {
		long media = newMedia();
		String token = user(newUser());
		long top = id(this.api.commented(token, media, "Ask me anything"));
		withSettings(Map.of("zviewer.comments.max-replies", "2"), () -> {
			this.api.replied(user(newUser()), top, "One");
			this.api.replied(user(newUser()), top, "Two");
			ResponseEntity<Map<String, Object>> third = this.api.reply(user(newUser()), top, "Three");
			assertProblem(third, HttpStatus.CONFLICT, "third reply");
			assertThat(third.getBody().get("detail").toString()).contains("limit of 2 replies");
		});
		assertThat(this.api.total(null, "/api/comments/" + top + "/replies")).isEqualTo(2);
		// Back to the configured limit: the third reply is accepted.
		this.api.replied(user(newUser()), top, "Three");
		assertThat(this.api.get(null, "/api/comments/" + top).getBody()).containsEntry("replyCount", 3);
	}

}
