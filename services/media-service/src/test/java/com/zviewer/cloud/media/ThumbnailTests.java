package com.zviewer.cloud.media;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.zviewer.cloud.media.MediaApi.id;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Thumbnails, made in the background: of each image type, upright, of bounded size, and the failures. */
@MediaServiceTest
class ThumbnailTests extends MediaServiceTestSupport {

	@Autowired
	MediaProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MediaStorage storage;

	@Test
	void makesAJpegThumbnailOfABigImageInTheBackground() throws Exception {
		long owner = newUser();
		Map<String, Object> item = this.api.uploaded(user(owner), TestMedia.png(2000, 1000), "wide.png", "Wide");
		assertThat(item).containsEntry("thumbnailStatus", "PENDING").containsEntry("thumbnailUrl", null);
		Map<String, Object> ready = awaitThumbnail(owner, item, "READY");
		String thumbnail = (String) ready.get("thumbnailUrl");
		assertThat(thumbnail).isEqualTo("/api/media/" + id(item) + "/thumbnail");

		ResponseEntity<byte[]> response = this.api.bytes(user(owner), thumbnail, new HttpHeaders());
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
		BufferedImage image = TestMedia.read(response.getBody());
		assertThat(image.getWidth()).isEqualTo(320);
		assertThat(image.getHeight()).isEqualTo(160);
		String key = this.jdbc.sql("SELECT storage_key FROM media_items WHERE id = :id")
			.param("id", id(item))
			.query(String.class)
			.single();
		assertThat(StoredFiles.read(this.storage, MediaItem.thumbnailKey(key))).hasValue(response.getBody());

		HttpHeaders ifNoneMatch = new HttpHeaders();
		ifNoneMatch.setIfNoneMatch(response.getHeaders().getETag());
		assertThat(response.getHeaders().getETag()).isEqualTo("\"" + UploadTests.sha256(response.getBody()) + "\"");
		assertThat(this.api.bytes(user(owner), thumbnail, ifNoneMatch).getStatusCode())
			.isEqualTo(HttpStatus.NOT_MODIFIED);
	}

	@Test
	void makesThumbnailsOfEveryImageType() {
		long owner = newUser();
		for (Object[] image : new Object[][] { { TestMedia.jpeg(500, 250), "image/jpeg", 320, 160 },
				{ TestMedia.gif(100, 50), "image/jpeg", 100, 50 }, { TestMedia.webp(), "image/jpeg", 64, 48 },
				{ TestMedia.losslessWebp(), "image/jpeg", 64, 48 },
				{ TestMedia.pngWithAlpha(640, 640), "image/png", 320, 320 } }) {
			Map<String, Object> item = this.api.uploaded(user(owner), (byte[]) image[0], "image", "Image");
			String thumbnail = (String) awaitThumbnail(owner, item, "READY").get("thumbnailUrl");
			ResponseEntity<byte[]> response = this.api.bytes(user(owner), thumbnail, new HttpHeaders());
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType((String) image[1]));
			BufferedImage decoded = TestMedia.read(response.getBody());
			assertThat(decoded.getWidth()).as("%s", item.get("contentType")).isEqualTo(image[2]);
			assertThat(decoded.getHeight()).as("%s", item.get("contentType")).isEqualTo(image[3]);
		}
	}

	@Test
	void turnsPhotosUprightAfterTheirExifOrientation() {
		long owner = newUser();
		Map<String, Object> item = this.api.uploaded(user(owner), TestMedia.jpegWithOrientation(400, 200, 6),
				"phone.jpg", "Phone");
		assertThat(item).containsEntry("width", 400).containsEntry("height", 200);
		String thumbnail = (String) awaitThumbnail(owner, item, "READY").get("thumbnailUrl");
		BufferedImage decoded = TestMedia.read(this.api.bytes(user(owner), thumbnail, new HttpHeaders()).getBody());
		assertThat(decoded.getWidth()).isEqualTo(160);
		assertThat(decoded.getHeight()).isEqualTo(320);
	}

	@Test
	void marksImagesThatCannotBeDecodedFailed() {
		long owner = newUser();
		byte[] png = TestMedia.png(100, 100);
		byte[] broken = Arrays.copyOf(png, 60);
		Map<String, Object> truncated = this.api.uploaded(user(owner), broken, "broken.png", "Broken");
		awaitThumbnail(owner, truncated, "FAILED");
		long maxPixels = this.properties.getThumbnails().getMaxPixels();
		this.properties.getThumbnails().setMaxPixels(100 * 100 - 1);
		try {
			Map<String, Object> huge = this.api.uploaded(user(owner), png, "huge.png", "Too many pixels");
			awaitThumbnail(owner, huge, "FAILED");
		}
		finally {
			this.properties.getThumbnails().setMaxPixels(maxPixels);
		}
	}

	@Test
	void takesOverTheWorkOfADeadReplicaOnceItsClaimExpires() {
		long owner = newUser();
		Map<String, Object> item = this.api.uploaded(user(owner), TestMedia.png(50, 50), "a.png", "A");
		awaitThumbnail(owner, item, "READY");
		// As if a replica had claimed it and died: nobody else touches it until the claim expires.
		this.jdbc.sql("UPDATE media_items SET thumbnail_status = 'PENDING', thumbnail_attempts = 1, "
				+ "thumbnail_claimed_until = now() + interval '1 hour' WHERE id = :id")
			.param("id", id(item))
			.update();
		this.api.uploaded(user(owner), TestMedia.png(20, 20), "b.png", "Wakes the worker");
		String uri = "/api/media/" + id(item);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.api.get(user(owner), uri).getBody()).containsEntry("thumbnailStatus",
					"PENDING"));
		this.jdbc.sql("UPDATE media_items SET thumbnail_claimed_until = now() - interval '1 second' WHERE id = :id")
			.param("id", id(item))
			.update();
		awaitThumbnail(owner, item, "READY");
		// An image that brought its worker down every time is given up after the last attempt.
		this.jdbc.sql("UPDATE media_items SET thumbnail_status = 'PENDING', thumbnail_attempts = :attempts, "
				+ "thumbnail_claimed_until = NULL WHERE id = :id")
			.param("attempts", this.properties.getThumbnails().getMaxAttempts())
			.param("id", id(item))
			.update();
		awaitThumbnail(owner, item, "FAILED");
	}

	private Map<String, Object> awaitThumbnail(long owner, Map<String, Object> item, String status) {
		String uri = "/api/media/" + id(item);
		return await().atMost(Duration.ofSeconds(20)).until(() -> this.api.get(user(owner), uri).getBody(),
				(current) -> status.equals(current.get("thumbnailStatus")));
	}

}
