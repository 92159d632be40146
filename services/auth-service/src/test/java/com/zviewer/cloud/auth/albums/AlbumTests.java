package com.zviewer.cloud.auth.albums;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.zviewer.cloud.auth.AuthApi;
import com.zviewer.cloud.auth.AuthServiceTest;

import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Albums. media-service is stood in for by {@link MediaServiceStandIn}, which knows media items 1 to 99 and checks the
 * caller's token is passed on.
 */
@AuthServiceTest
class AlbumTests {

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	@Test
	void ownersBuildOrderAndPublishAlbums() {
		String owner = AuthApi.access(api().signUp("curator@example.com"));
		ResponseEntity<Map<String, Object>> created = api().post("/api/albums",
				"{\"title\":\"Alps 2026\",\"description\":\"Summits and lakes\"}", owner);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).containsEntry("status", "DRAFT").containsEntry("visibility", "PRIVATE");
		String album = created.getHeaders().getLocation().getPath();

		for (int media : List.of(11, 12, 13)) {
			assertThat(api().post(album + "/items", "{\"mediaId\":" + media + "}", owner).getStatusCode())
				.isEqualTo(HttpStatus.OK);
		}
		assertThat(mediaIds(api().post(album + "/items", "{\"mediaId\":10,\"position\":0}", owner).getBody()))
			.containsExactly(10, 11, 12, 13);
		assertThat(mediaIds(api().put(album + "/items", "{\"mediaIds\":[13,12,11,10]}", owner).getBody()))
			.containsExactly(13, 12, 11, 10);
		assertThat(api().put(album + "/cover", "{\"mediaId\":12}", owner).getBody()).containsEntry("coverMediaId", 12);
		Map<String, Object> removed = api().delete(album + "/items/12", owner).getBody();
		assertThat(mediaIds(removed)).containsExactly(13, 11, 10);
		assertThat(removed.get("coverMediaId")).as("the cover goes with its item").isNull();

		// A draft is the owner's alone; once published and public, anyone sees it and finds it.
		assertProblem(api().get(album, null), HttpStatus.NOT_FOUND, "draft, anonymous");
		String stranger = AuthApi.access(api().signUp("stranger@example.com"));
		assertProblem(api().get(album, stranger), HttpStatus.NOT_FOUND, "draft, another user");
		api().patch(album, "{\"status\":\"PUBLISHED\",\"visibility\":\"PUBLIC\"}", owner);
		assertThat(api().get(album, null).getBody()).containsEntry("title", "Alps 2026");
		assertThat(content(api().get("/api/albums?q=lakes", null).getBody())).extracting((a) -> a.get("title"))
			.contains("Alps 2026");
		assertThat(content(api().get("/api/albums?q=deserts", null).getBody())).isEmpty();
		assertProblem(api().patch(album, "{\"title\":\"Mine now\"}", stranger), HttpStatus.FORBIDDEN, "not the owner");
		assertProblem(api().delete(album, stranger), HttpStatus.FORBIDDEN, "not the owner deletes");

		api().patch(album, "{\"status\":\"ARCHIVED\"}", owner);
		assertProblem(api().get(album, null), HttpStatus.NOT_FOUND, "archived");
		assertThat(content(api().get("/api/albums?mine=true", owner).getBody())).hasSize(1);
		assertThat(api().delete(album, owner).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(api().get(album, owner), HttpStatus.NOT_FOUND, "deleted");
	}

	@Test
	void refusesBadChangesWithProblemDetailsAndKeepsTheAlbum() {
		String owner = AuthApi.access(api().signUp("careful@example.com"));
		String album = api().post("/api/albums", "{\"title\":\"Kept\"}", owner).getHeaders().getLocation().getPath();
		api().post(album + "/items", "{\"mediaId\":5}", owner);

		assertProblem(api().post(album + "/items", "{\"mediaId\":404}", owner), HttpStatus.UNPROCESSABLE_CONTENT,
				"media that does not exist");
		assertProblem(api().post(album + "/items", "{\"mediaId\":5}", owner), HttpStatus.CONFLICT, "twice");
		assertProblem(api().post(album + "/items", "{\"mediaId\":-1}", owner), HttpStatus.BAD_REQUEST, "negative id");
		assertProblem(api().put(album + "/items", "{\"mediaIds\":[5,6]}", owner), HttpStatus.BAD_REQUEST,
				"order naming other items");
		assertProblem(api().put(album + "/cover", "{\"mediaId\":7}", owner), HttpStatus.UNPROCESSABLE_CONTENT,
				"cover not in the album");
		assertProblem(api().patch(album, "{\"status\":\"LOST\"}", owner), HttpStatus.BAD_REQUEST, "unknown status");
		assertProblem(api().patch(album, "{\"title\":\" \"}", owner), HttpStatus.BAD_REQUEST, "blank title");
		assertProblem(api().post("/api/albums", "{\"title\":\"x\"}", null), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(api().post("/api/albums", "{", owner), HttpStatus.BAD_REQUEST, "malformed");
		assertProblem(api().get("/api/albums?size=1000", null), HttpStatus.BAD_REQUEST, "page too large");
		assertProblem(api().get("/api/albums/999999", owner), HttpStatus.NOT_FOUND, "unknown album");

		Map<String, Object> kept = api().get(album, owner).getBody();
		assertThat(kept).containsEntry("title", "Kept");
		assertThat(mediaIds(kept)).containsExactly(5);
	}

	@Test
	void mediaThatMediaServiceDeletedLeavesEveryAlbum() {
		String owner = AuthApi.access(api().signUp("collector@example.com"));
		String first = api().post("/api/albums", "{\"title\":\"First\"}", owner).getHeaders().getLocation().getPath();
		String second = api().post("/api/albums", "{\"title\":\"Second\"}", owner).getHeaders().getLocation().getPath();
		for (String album : List.of(first, second)) {
			api().post(album + "/items", "{\"mediaId\":31}", owner);
			api().post(album + "/items", "{\"mediaId\":32}", owner);
		}
		api().put(first + "/cover", "{\"mediaId\":31}", owner);

		// Announced twice, as an at-least-once publisher may.
		for (int i = 0; i < 2; i++) {
			this.rabbit.send("zviewer.media", "media.deleted", MessageBuilder
				.withBody("{\"mediaId\":31,\"ownerId\":9,\"deletedAt\":\"2026-01-01T00:00:00Z\"}"
					.getBytes(StandardCharsets.UTF_8))
				.setContentType(MessageProperties.CONTENT_TYPE_JSON)
				.build());
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(mediaIds(api().get(first, owner).getBody())).containsExactly(32);
			assertThat(mediaIds(api().get(second, owner).getBody())).containsExactly(32);
		});
		assertThat(api().get(first, owner).getBody().get("coverMediaId")).isNull();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> mediaIds(Map<String, Object> album) {
		return ((List<Map<String, Object>>) album.get("items")).stream().map((item) -> item.get("mediaId")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> content(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("content");
	}

	private AuthApi api() {
		return AuthApi.on(this.port);
	}

}
