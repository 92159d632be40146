package com.zviewer.cloud.media;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static com.zviewer.cloud.media.MediaApi.file;
import static com.zviewer.cloud.media.MediaApi.id;
import static com.zviewer.cloud.media.MediaApi.moderator;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Listing: visibility, filters, full-text search, sorting and pages. */
@MediaServiceTest
class ListingTests extends MediaServiceTestSupport {

	long owner;

	String ownerToken;

	/** Uploads, in this order: Beach sunset, Alpine lake, City at night (left pending), Dune video (a video). */
	@BeforeEach
	void setUp() {
		this.owner = newUser();
		this.ownerToken = user(this.owner);
		upload("Beach sunset", "Sunsets over the sea", "holiday,sea", TestMedia.png(300, 200), true);
		upload("Alpine lake", "Mountains reflected in a lake", "holiday,mountains", TestMedia.noisyPng(60, 60), true);
		upload("City at night", "Lights of the city", "city", TestMedia.jpeg(50, 50), false);
		upload("Dune video", "Sand blowing over the dunes at sunset", "desert", TestMedia.mp4(), true);
	}

	private void upload(String title, String description, String categories, byte[] content, boolean approve) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", file(content, title + ".bin"));
		form.add("title", title);
		form.add("description", description);
		form.add("categories", categories);
		ResponseEntity<Map<String, Object>> created = this.api.upload(this.ownerToken, form);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		if (approve) {
			assertThat(this.api.json("PUT", moderator(), "/api/media/" + id(created.getBody()) + "/moderation",
					"{\"status\":\"APPROVED\"}").getStatusCode()).isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void showsEachCallerWhatTheyMaySee() {
		String mine = "/api/media?owner=" + this.owner;
		assertThat(titles(null, mine)).containsExactlyInAnyOrder("Beach sunset", "Alpine lake", "Dune video");
		assertThat(titles(user(newUser()), mine)).containsExactlyInAnyOrder("Beach sunset", "Alpine lake",
				"Dune video");
		assertThat(titles(this.ownerToken, mine)).containsExactlyInAnyOrder("Beach sunset", "Alpine lake",
				"City at night", "Dune video");
		assertThat(titles(moderator(), mine)).hasSize(4);
		assertThat(titles(this.ownerToken, mine + "&status=PENDING")).containsExactly("City at night");
		assertThat(titles(null, mine + "&status=PENDING")).isEmpty();
		// The listing the load generator uses.
		ResponseEntity<Map<String, Object>> anonymous = this.api.get(null, "/api/media?size=1");
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((List<?>) anonymous.getBody().get("content")).hasSize(1);
	}

	@Test
	void filtersByTypeCategoryAndStatus() {
		String mine = "/api/media?owner=" + this.owner;
		assertThat(titles(this.ownerToken, mine + "&type=VIDEO")).containsExactly("Dune video");
		assertThat(titles(this.ownerToken, mine + "&type=IMAGE")).hasSize(3);
		assertThat(titles(this.ownerToken, mine + "&category=holiday")).containsExactlyInAnyOrder("Beach sunset",
				"Alpine lake");
		assertThat(titles(this.ownerToken, mine + "&category=HOLIDAY&type=IMAGE&status=APPROVED"))
			.containsExactlyInAnyOrder("Beach sunset", "Alpine lake");
		assertThat(titles(this.ownerToken, mine + "&category=nothing")).isEmpty();
	}

	@Test
	void searchesTitlesAndDescriptions() {
		String mine = "/api/media?owner=" + this.owner;
		assertThat(titles(this.ownerToken, mine + "&q=sunset")).containsExactlyInAnyOrder("Beach sunset",
				"Dune video");
		assertThat(titles(this.ownerToken, mine + "&q=lakes")).containsExactly("Alpine lake");
		assertThat(titles(this.ownerToken, mine + "&q=sunset -dunes")).containsExactly("Beach sunset");
		assertThat(titles(this.ownerToken, mine + "&q=\"city lights\"")).isEmpty();
		assertThat(titles(this.ownerToken, mine + "&q=lights city")).containsExactly("City at night");
		assertThat(titles(null, mine + "&q=city")).isEmpty();
	}

	@Test
	void sortsAndPages() {
		String mine = "/api/media?owner=" + this.owner;
		assertThat(titles(this.ownerToken, mine + "&sort=title")).containsExactly("Alpine lake", "Beach sunset",
				"City at night", "Dune video");
		assertThat(titles(this.ownerToken, mine + "&sort=title,desc")).containsExactly("Dune video", "City at night",
				"Beach sunset", "Alpine lake");
		assertThat(titles(this.ownerToken, mine)).as("newest first").containsExactly("Dune video", "City at night",
				"Alpine lake", "Beach sunset");
		assertThat(titles(this.ownerToken, mine + "&sort=createdAt,asc")).containsExactly("Beach sunset",
				"Alpine lake", "City at night", "Dune video");
		List<Map<String, Object>> bySize = this.api.list(this.ownerToken, mine + "&sort=size,desc");
		assertThat(bySize).extracting((item) -> ((Number) item.get("size")).longValue()).isSortedAccordingTo(
				(a, b) -> Long.compare(b, a));

		ResponseEntity<Map<String, Object>> page = this.api.get(this.ownerToken, mine + "&sort=title&size=3&page=1");
		assertThat((List<?>) page.getBody().get("content")).hasSize(1);
		assertThat((Map<String, Object>) page.getBody().get("page")).containsEntry("totalElements", 4)
			.containsEntry("totalPages", 2)
			.containsEntry("number", 1)
			.containsEntry("size", 3);
		assertThat(titles(this.ownerToken, mine + "&sort=title&size=3&page=1")).containsExactly("Dune video");
		assertThat(titles(this.ownerToken, mine + "&page=5")).isEmpty();
		Map<String, Object> capped = this.api.get(null, "/api/media?size=1000").getBody();
		assertThat((Map<String, Object>) capped.get("page")).containsEntry("size", 100);
	}

	@Test
	void refusesUnknownSortPropertiesAndMalformedFilters() {
		for (String uri : List.of("/api/media?sort=storageKey", "/api/media?sort=nope,desc",
				"/api/media?sort=title&sort=contentHash", "/api/media?type=PDF", "/api/media?owner=abc",
				"/api/media?status=DELETED")) {
			assertProblem(this.api.get(null, uri), HttpStatus.BAD_REQUEST, uri);
		}
	}

	private List<String> titles(String token, String uri) {
		return this.api.list(token, uri).stream().map((item) -> (String) item.get("title")).toList();
	}

}
