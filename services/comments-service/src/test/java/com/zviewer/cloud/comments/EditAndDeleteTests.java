package com.zviewer.cloud.comments;

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

/** Who may edit and delete, and what deleted comments leave in their threads. */
@CommentsServiceTest
class EditAndDeleteTests extends CommentsServiceTestSupport {

	@Test
	void onlyItsAuthorEditsAnActiveCommentWhichIsThenMarkedEdited() {
		long author = newUser();
		Map<String, Object> comment = this.api.commented(user(author), newMedia(), "Nice colurs");
		String uri = "/api/comments/" + id(comment);

		assertProblem(edit(user(newUser()), uri, "Mine now"), HttpStatus.FORBIDDEN, "another user");
		assertProblem(edit(moderator(), uri, "Moderated"), HttpStatus.FORBIDDEN, "a moderator");
		assertProblem(edit(null, uri, "Anonymous"), HttpStatus.UNAUTHORIZED, "anonymous");
		assertThat(this.api.get(null, uri).getBody()).containsEntry("text", "Nice colurs")
			.containsEntry("edited", false);

		ResponseEntity<Map<String, Object>> edited = edit(user(author), uri, " Nice colours ");
		assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(edited.getBody()).containsEntry("text", "Nice colours")
			.containsEntry("edited", true)
			.containsEntry("createdAt", comment.get("createdAt"));
		assertThat(edited.getBody().get("updatedAt").toString()).isGreaterThan(comment.get("updatedAt").toString());
		assertThat(this.api.get(null, uri).getBody()).isEqualTo(edited.getBody());

		assertThat(this.api.delete(user(author), id(comment)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(edit(user(author), uri, "Back again"), HttpStatus.NOT_FOUND, "deleted, without replies");
	}

	@Test
	void deletedCommentsCannotBeEditedWhileTheirRepliesKeepThemAsTombstones() {
		long author = newUser();
		long media = newMedia();
		long top = id(this.api.commented(user(author), media, "Top"));
		this.api.replied(user(newUser()), top, "Reply");
		this.api.delete(user(author), top);
		assertProblem(edit(user(author), "/api/comments/" + top, "Edited"), HttpStatus.CONFLICT, "deleted");
	}

	@Test
	void itsAuthorModeratorsAndAdminsDeleteAndDeletingAgainChangesNothing() {
		long author = newUser();
		long media = newMedia();
		long byAuthor = id(this.api.commented(user(author), media, "First"));
		long byModerator = id(this.api.commented(user(author), media, "Second"));
		long byAdmin = id(this.api.commented(user(author), media, "Third"));
		long kept = id(this.api.commented(user(author), media, "Kept"));

		assertProblem(this.api.delete(user(newUser()), kept), HttpStatus.FORBIDDEN, "another user");
		assertProblem(this.api.delete(null, kept), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.delete(user(author), 987654321), HttpStatus.NOT_FOUND, "unknown");

		assertThat(this.api.delete(user(author), byAuthor).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.api.delete(user(author), byAuthor).getStatusCode()).as("again")
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.api.delete(moderator(), byModerator).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.api.delete(admin(), byAdmin).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(this.api.delete(user(newUser()), byAuthor), HttpStatus.NOT_FOUND, "deleted, another user");

		assertThat(texts(this.api.list(null, "/api/comments?mediaId=" + media))).containsExactly("Kept");
		assertThat(texts(this.api.list(admin(), "/api/comments?mediaId=" + media))).as("staff too")
			.containsExactly("Kept");
		assertProblem(this.api.get(user(author), "/api/comments/" + byAuthor), HttpStatus.NOT_FOUND, "gone");
	}

	@Test
	void deletedCommentsWithRepliesStayAsTombstonesUntilTheirLastReplyGoes() {
		long media = newMedia();
		String ann = user(newUser());
		String bob = user(newUser());
		long top = id(this.api.commented(ann, media, "Top"));
		long reply = id(this.api.replied(bob, top, "Reply"));
		long nested = id(this.api.replied(ann, reply, "Nested"));

		this.api.delete(ann, top);
		this.api.delete(bob, reply);
		Map<String, Object> tombstone = this.api.get(null, "/api/comments/" + top).getBody();
		assertThat(tombstone).containsEntry("status", "DELETED")
			.containsEntry("text", null)
			.containsEntry("replyCount", 1);
		assertThat(this.api.list(null, "/api/comments?mediaId=" + media)).singleElement()
			.satisfies((comment) -> assertThat(comment).containsEntry("status", "DELETED").containsEntry("text", null));
		assertThat(this.api.list(null, "/api/comments/" + reply + "/replies")).singleElement()
			.satisfies((comment) -> assertThat(comment).containsEntry("text", "Nested"));

		// The last live reply goes: its deleted ancestors have nothing left to hold together.
		this.api.delete(ann, nested);
		assertThat(this.api.list(null, "/api/comments?mediaId=" + media)).isEmpty();
		assertProblem(this.api.get(null, "/api/comments/" + top), HttpStatus.NOT_FOUND, "tombstone gone");
		assertProblem(this.api.reply(bob, top, "Too late"), HttpStatus.NOT_FOUND, "reply to a deleted comment");
	}

	@Test
	void tombstonesTakeNoReplies() {
		long media = newMedia();
		String ann = user(newUser());
		long top = id(this.api.commented(ann, media, "Top"));
		this.api.replied(ann, top, "Reply");
		this.api.delete(ann, top);
		assertProblem(this.api.reply(ann, top, "More"), HttpStatus.CONFLICT, "reply to a tombstone");
		assertThat(this.api.get(null, "/api/comments/" + top).getBody()).containsEntry("replyCount", 1);
	}

	private ResponseEntity<Map<String, Object>> edit(String token, String uri, String text) {
		return this.api.send(HttpMethod.PATCH, token, uri, "{\"text\":" + CommentsApi.quoted(text) + "}");
	}

}
