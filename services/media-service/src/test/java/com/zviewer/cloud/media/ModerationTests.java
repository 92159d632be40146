package com.zviewer.cloud.media;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.zviewer.cloud.media.MediaItem.MediaStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.media.MediaApi.admin;
import static com.zviewer.cloud.media.MediaApi.id;
import static com.zviewer.cloud.media.MediaApi.moderator;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Moderation and who sees and edits what. */
@MediaServiceTest
class ModerationTests extends MediaServiceTestSupport {

	@Autowired
	MediaProperties properties;

	long owner;

	String item;

	@BeforeEach
	void setUp() {
		this.owner = newUser();
		this.item = "/api/media/" + id(this.api.uploaded(user(this.owner), TestMedia.png(40, 40), "a.png", "Mine"));
	}

	@Test
	void hidesPendingMediaFromEveryoneButItsOwnerAndModerators() {
		for (String token : new String[] { null, user(newUser()) }) {
			assertProblem(this.api.get(token, this.item), HttpStatus.NOT_FOUND, "pending item");
			assertProblem(this.api.get(token, this.item + "/content"), HttpStatus.NOT_FOUND, "pending content");
		}
		assertThat(this.api.get(user(this.owner), this.item).getBody()).containsEntry("status", "PENDING");
		assertThat(this.api.get(moderator(), this.item).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.api.bytes(admin(), this.item + "/content", new HttpHeaders()).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void moderatorsApproveAndRejectWithAReason() {
		assertProblem(moderate(user(newUser()), "{\"status\":\"APPROVED\"}"), HttpStatus.FORBIDDEN, "a user");
		assertProblem(moderate(user(this.owner), "{\"status\":\"APPROVED\"}"), HttpStatus.FORBIDDEN, "the owner");
		assertProblem(moderate(null, "{\"status\":\"APPROVED\"}"), HttpStatus.UNAUTHORIZED, "anonymous");

		ResponseEntity<Map<String, Object>> approved = moderate(moderator(), "{\"status\":\"APPROVED\"}");
		assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(approved.getBody()).containsEntry("status", "APPROVED").containsEntry("rejectionReason", null);
		assertThat(this.api.get(null, this.item).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.api.bytes(null, this.item + "/content", new HttpHeaders()).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		for (String bad : List.of("{\"status\":\"REJECTED\"}", "{\"status\":\"REJECTED\",\"reason\":\"  \"}",
				"{\"status\":\"PENDING\"}", "{\"status\":\"GONE\"}", "{}", "{\"status\":\"REJECTED\",\"reason\":\""
						+ "x".repeat(1001) + "\"}", "{\"status\":", "")) {
			assertProblem(moderate(moderator(), bad), HttpStatus.BAD_REQUEST, bad);
		}
		assertThat(this.api.get(null, this.item).getBody()).containsEntry("status", "APPROVED");

		ResponseEntity<Map<String, Object>> rejected = moderate(admin(),
				"{\"status\":\"REJECTED\",\"reason\":\" Not yours to share \"}");
		assertThat(rejected.getBody()).containsEntry("status", "REJECTED")
			.containsEntry("rejectionReason", "Not yours to share");
		assertProblem(this.api.get(null, this.item), HttpStatus.NOT_FOUND, "rejected, anonymous");
		assertProblem(this.api.get(user(newUser()), this.item), HttpStatus.NOT_FOUND, "rejected, another user");
		assertThat(this.api.get(user(this.owner), this.item).getBody()).containsEntry("rejectionReason",
				"Not yours to share");
		assertProblem(moderate(moderator(), "/api/media/987654321", "{\"status\":\"APPROVED\"}"), HttpStatus.NOT_FOUND,
				"unknown item");
	}

	@Test
	void newUploadsCanBeVisibleAtOnce() {
		this.properties.getModeration().setInitialStatus(MediaStatus.APPROVED);
		try {
			Map<String, Object> item = this.api.uploaded(user(this.owner), TestMedia.gif(8, 8), "a.gif", "At once");
			assertThat(item).containsEntry("status", "APPROVED");
			assertThat(this.api.get(null, "/api/media/" + id(item)).getStatusCode()).isEqualTo(HttpStatus.OK);
		}
		finally {
			this.properties.getModeration().setInitialStatus(MediaStatus.PENDING);
		}
	}

	@Test
	void ownersAndAdminsEditMetadata() {
		ResponseEntity<Map<String, Object>> edited = this.api.json("PATCH", user(this.owner), this.item,
				"{\"title\":\" New title \",\"description\":\"About it\",\"categories\":[\"Art\",\"art\",\"b w\"]}");
		assertThat(edited.getStatusCode()).as("%s", edited.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(edited.getBody()).containsEntry("title", "New title")
			.containsEntry("description", "About it")
			.containsEntry("categories", List.of("art", "b w"));
		Map<String, Object> cleared = this.api
			.send("PATCH", user(this.owner), this.item, "application/merge-patch+json", "{\"description\":\"\"}")
			.getBody();
		assertThat(cleared).containsEntry("description", null).containsEntry("title", "New title");
		assertThat(this.api.json("PATCH", admin(), this.item, "{\"categories\":[]}").getBody())
			.containsEntry("categories", List.of());

		// Someone else: the item is invisible while pending, and not theirs once approved.
		assertProblem(this.api.json("PATCH", user(newUser()), this.item, "{\"title\":\"Taken\"}"), HttpStatus.NOT_FOUND,
				"another user, pending item");
		moderate(moderator(), "{\"status\":\"APPROVED\"}");
		assertProblem(this.api.json("PATCH", user(newUser()), this.item, "{\"title\":\"Taken\"}"), HttpStatus.FORBIDDEN,
				"another user, approved item");
		assertProblem(this.api.json("PATCH", moderator(), this.item, "{\"title\":\"Taken\"}"), HttpStatus.FORBIDDEN,
				"a moderator");
		assertProblem(this.api.json("PATCH", null, this.item, "{\"title\":\"Taken\"}"), HttpStatus.UNAUTHORIZED,
				"anonymous");
		assertThat(this.api.get(null, this.item).getBody()).containsEntry("title", "New title");
	}

	@Test
	void refusesBadEditsAndChangesNothing() {
		this.properties.setMaxTitleLength(10);
		try {
			ResponseEntity<Map<String, Object>> refused = this.api.json("PATCH", user(this.owner), this.item,
					"{\"title\":\"eleven char\"}");
			assertProblem(refused, HttpStatus.BAD_REQUEST, "title over the current limit");
			assertThat(refused.getBody()).containsEntry("detail", "The title is longer than 10 characters");
		}
		finally {
			this.properties.setMaxTitleLength(200);
		}
		for (String bad : List.of("{\"title\":\"  \"}", "{\"title\":{\"a\":1}}", "{\"categories\":\"art\"}",
				"{\"categories\":[\"<b>\"]}", "{\"description\":\"" + "x".repeat(5001) + "\"}", "{\"title\":",
				"not json")) {
			assertProblem(this.api.json("PATCH", user(this.owner), this.item, bad), HttpStatus.BAD_REQUEST, bad);
		}
		assertProblem(this.api.send("PATCH", user(this.owner), this.item, "text/plain", "{\"title\":\"x\"}"),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "text/plain");
		assertProblem(this.api.json("PATCH", user(this.owner), "/api/media/987654321", "{\"title\":\"x\"}"),
				HttpStatus.NOT_FOUND, "unknown item");
		assertThat(this.api.get(user(this.owner), this.item).getBody()).containsEntry("title", "Mine")
			.containsEntry("description", null)
			.containsEntry("categories", List.of());
	}

	private ResponseEntity<Map<String, Object>> moderate(String token, String json) {
		return moderate(token, this.item, json);
	}

	private ResponseEntity<Map<String, Object>> moderate(String token, String item, String json) {
		return this.api.json("PUT", token, item + "/moderation", json);
	}

}
