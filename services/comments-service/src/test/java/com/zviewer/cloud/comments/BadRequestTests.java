package com.zviewer.cloud.comments;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.test.TestJwts;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.comments.CommentsApi.id;
import static com.zviewer.cloud.comments.CommentsApi.newMedia;
import static com.zviewer.cloud.comments.CommentsApi.newUser;
import static com.zviewer.cloud.comments.CommentsApi.quoted;
import static com.zviewer.cloud.comments.CommentsApi.user;
import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests the API refuses: each a 4xx problem that changes nothing. */
@CommentsServiceTest
class BadRequestTests extends CommentsServiceTestSupport {

	@Test
	void refusesBadNewCommentsAndStoresNothing() {
		long media = newMedia();
		long author = newUser();
		String token = user(author);
		for (String body : List.of("{", "", "[]", "{\"mediaId\":" + media + "}",
				"{\"mediaId\":" + media + ",\"text\":\"\"}", "{\"mediaId\":" + media + ",\"text\":\" \\n\\t \"}",
				"{\"mediaId\":" + media + ",\"text\":" + quoted("x".repeat(1001)) + "}",
				"{\"mediaId\":" + media + ",\"text\":" + quoted("<b>Nice</b>") + "}",
				"{\"mediaId\":" + media + ",\"text\":" + quoted("<script>alert(1)</script>") + "}",
				"{\"mediaId\":" + media + ",\"text\":" + quoted("<img src=x onerror=alert(1)>") + "}",
				"{\"mediaId\":" + media + ",\"text\":" + quoted("Hidden <!-- note -->") + "}",
				"{\"mediaId\":" + media + ",\"text\":" + quoted("Escaped &lt;b&gt;") + "}",
				"{\"mediaId\":" + media + ",\"text\":" + quoted("Nul \u0000 byte") + "}",
				"{\"mediaId\":-1,\"text\":\"hi\"}", "{\"mediaId\":0,\"text\":\"hi\"}", "{\"text\":\"hi\"}",
				"{\"mediaId\":\"nine\",\"text\":\"hi\"}", "{\"mediaId\":" + media + ",\"text\":42}",
				"{\"mediaId\":" + media + ",\"text\":[\"hi\"]}",
				"{\"mediaId\":" + media + ",\"parentId\":\"x\",\"text\":\"hi\"}",
				"{\"mediaId\":" + media + ",\"parentId\":-5,\"text\":\"hi\"}")) {
			assertProblem(this.api.post(token, "/api/comments", body), HttpStatus.BAD_REQUEST, body);
		}
		ResponseEntity<Map<String, Object>> plain = this.api.http.post()
			.uri("/api/comments")
			.header("Authorization", token)
			.contentType(MediaType.TEXT_PLAIN)
			.body("hi")
			.retrieve()
			.toEntity(JSON);
		assertProblem(plain, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not JSON");
		assertProblem(this.api.comment("Bearer not-a-token", media, "hi"), HttpStatus.UNAUTHORIZED, "bad token");
		assertProblem(this.api.comment("Bearer " + TestJwts.token(author, Duration.ofMinutes(-1), "USER"), media, "hi"),
				HttpStatus.UNAUTHORIZED, "expired token");
		assertThat(this.api.total(null, "/api/comments?mediaId=" + media)).isZero();
		assertThat(this.api.get(null, "/api/comments/counts/users/" + author).getBody()).containsEntry("count", 0);

		// Plain text that merely looks like markup passes, exactly as written, and exactly 1000 characters do too.
		assertThat(this.api.commented(token, media, "a < b, & <3 \u00e9\u00e8 \uD83D\uDE00")).containsEntry("text",
				"a < b, & <3 \u00e9\u00e8 \uD83D\uDE00");
		assertThat(this.api.commented(token, media, "\uD83D\uDE00".repeat(1000)).get("text").toString())
			.hasSize(2000);
	}

	@Test
	void refusesBadChangesToCommentsAndChangesNothing() {
		long author = newUser();
		long media = newMedia();
		Map<String, Object> comment = this.api.commented(user(author), media, "Original");
		String uri = "/api/comments/" + id(comment);
		for (String body : List.of("{", "{}", "{\"text\":null}", "{\"text\":\"\"}", "{\"text\":7}",
				"{\"text\":" + quoted("y".repeat(1001)) + "}", "{\"text\":\"<i>x</i>\"}")) {
			assertProblem(this.api.send(HttpMethod.PATCH, user(author), uri, body), HttpStatus.BAD_REQUEST, body);
		}
		assertProblem(this.api.send(HttpMethod.PATCH, user(newUser()), uri, "{\"text\":\"Others'\"}"),
				HttpStatus.FORBIDDEN, "another user's comment");
		assertProblem(this.api.delete(user(newUser()), id(comment)), HttpStatus.FORBIDDEN, "deleting another's");
		assertProblem(this.api.send(HttpMethod.PATCH, user(author), "/api/comments/987654321", "{\"text\":\"x\"}"),
				HttpStatus.NOT_FOUND, "unknown id");
		assertProblem(this.api.reply(user(author), id(comment), ""), HttpStatus.BAD_REQUEST, "empty reply");
		assertProblem(this.api.reply(user(author), id(comment), "<p>x</p>"), HttpStatus.BAD_REQUEST, "markup reply");
		assertThat(this.api.get(null, uri).getBody()).isEqualTo(comment);
		assertThat(this.api.total(null, uri + "/replies")).isZero();
	}

	@Test
	void answersUnknownAndMalformedIdsAndPaths() {
		String token = user(newUser());
		assertProblem(this.api.get(token, "/api/comments/987654321"), HttpStatus.NOT_FOUND, "unknown id");
		assertProblem(this.api.get(token, "/api/comments/987654321/replies"), HttpStatus.NOT_FOUND, "unknown replies");
		assertProblem(this.api.get(token, "/api/comments/abc"), HttpStatus.BAD_REQUEST, "malformed id");
		assertProblem(this.api.get(token, "/api/comments/1/nothing"), HttpStatus.NOT_FOUND, "unknown path");
		assertProblem(this.api.send(HttpMethod.PUT, token, "/api/comments", "{}"), HttpStatus.METHOD_NOT_ALLOWED,
				"PUT on the list");
		assertProblem(this.api.send(HttpMethod.DELETE, token, "/api/comments/abc", null), HttpStatus.BAD_REQUEST,
				"delete malformed id");
	}

}
