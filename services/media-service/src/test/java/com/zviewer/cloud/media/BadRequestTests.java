package com.zviewer.cloud.media;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.test.TestJwts;

import org.springframework.http.HttpStatus;

import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;

/** Requests the API has no answer for: each a 4xx problem. */
@MediaServiceTest
class BadRequestTests extends MediaServiceTestSupport {

	@Test
	void answersUnknownAndMalformedIdsAndPaths() {
		String token = user(newUser());
		assertProblem(this.api.get(token, "/api/media/987654321"), HttpStatus.NOT_FOUND, "unknown id");
		assertProblem(this.api.get(token, "/api/media/abc"), HttpStatus.BAD_REQUEST, "malformed id");
		assertProblem(this.api.get(token, "/api/media/1/nothing"), HttpStatus.NOT_FOUND, "unknown path");
		assertProblem(this.api.get(token, "/api/media/987654321/thumbnail"), HttpStatus.NOT_FOUND, "unknown thumbnail");
		assertProblem(this.api.json("PUT", token, "/api/media", "{}"), HttpStatus.METHOD_NOT_ALLOWED, "PUT on list");
		assertProblem(this.api.send("PATCH", token, "/api/media/uploads/" + UUID.randomUUID(), null, null),
				HttpStatus.METHOD_NOT_ALLOWED, "PATCH on an upload");
	}

	@Test
	void refusesInvalidTokens() {
		assertProblem(this.api.get("Bearer not-a-token", "/api/media"), HttpStatus.UNAUTHORIZED, "bad token");
		assertProblem(this.api.get("Bearer " + TestJwts.token(newUser(), Duration.ofMinutes(-1), "USER"), "/api/media"),
				HttpStatus.UNAUTHORIZED, "expired token");
	}

}
