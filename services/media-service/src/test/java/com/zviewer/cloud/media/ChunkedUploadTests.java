package com.zviewer.cloud.media;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.media.MediaStorage.UploadPart;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Resumable uploads: parts, interruption and resumption, early type checks, limits, quota, expiry. */
@MediaServiceTest
class ChunkedUploadTests extends MediaServiceTestSupport {

	@Autowired
	MediaProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MediaStorage storage;

	@Autowired
	UploadService uploads;

	@Test
	void resumesAnInterruptedUploadWhereTheServerStandsAndMakesAMediaItem() throws Exception {
		long owner = newUser();
		byte[] content = TestMedia.largeMp4(300_000);
		ResponseEntity<Map<String, Object>> created = create(owner, "holiday.mp4", content.length, "Holiday clip");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		URI upload = created.getHeaders().getLocation();
		assertThat(upload.getPath()).matches("/api/media/uploads/[0-9a-f-]{36}");
		assertThat(created.getHeaders().getFirst("Upload-Offset")).isEqualTo("0");
		assertThat(created.getHeaders().getFirst("Upload-Length")).isEqualTo("300000");
		assertThat(created.getBody()).containsEntry("status", "ACTIVE").containsEntry("receivedBytes", 0);

		ResponseEntity<Map<String, Object>> first = put(owner, upload, content, 0, 99_999);
		assertThat(first.getStatusCode()).as("%s", first.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody()).containsEntry("receivedBytes", 100_000).containsEntry("contentType", "video/mp4");
		assertThat(first.getHeaders().getFirst("Upload-Offset")).isEqualTo("100000");

		// The connection breaks halfway through the second part: what arrived is kept.
		sendHalfAndDisconnect(owner, upload, content, 100_000, 199_999);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(progress(owner, upload)).containsEntry("receivedBytes", 150_000));

		// The state is in PostgreSQL and the bytes on the shared storage: another replica, or this one restarted,
		// carries on from there.
		UUID id = UUID.fromString(Path.of(upload.getPath()).getFileName().toString());
		assertThat(this.jdbc.sql("SELECT received_bytes FROM upload_sessions WHERE id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(150_000);
		assertThat(Files.size(StoredFiles.receiving(this.storage).part(id))).isEqualTo(150_000);
		ResponseEntity<Map<String, Object>> head = this.api.http.head()
			.uri(upload)
			.header(HttpHeaders.AUTHORIZATION, user(owner))
			.retrieve()
			.toEntity(JSON);
		assertThat(head.getHeaders().getFirst("Upload-Offset")).isEqualTo("150000");

		// The client resending the whole second part is told where to start.
		ResponseEntity<Map<String, Object>> stale = put(owner, upload, content, 100_000, 199_999);
		assertProblem(stale, HttpStatus.CONFLICT, "part at the wrong offset");
		assertThat(stale.getBody()).containsEntry("receivedBytes", 150_000);
		assertThat(stale.getHeaders().getFirst("Upload-Offset")).isEqualTo("150000");

		ResponseEntity<Map<String, Object>> last = put(owner, upload, content, 150_000, 299_999);
		assertThat(last.getStatusCode()).as("%s", last.getBody()).isEqualTo(HttpStatus.CREATED);
		Map<String, Object> item = last.getBody();
		assertThat(last.getHeaders().getLocation()).hasPath("/api/media/" + item.get("id"));
		assertThat(item).containsEntry("title", "Holiday clip")
			.containsEntry("categories", List.of("travel"))
			.containsEntry("originalFilename", "holiday.mp4")
			.containsEntry("contentType", "video/mp4")
			.containsEntry("size", 300_000)
			.containsEntry("durationMillis", 2000)
			.containsEntry("contentHash", UploadTests.sha256(content));
		ResponseEntity<byte[]> stored = this.api.bytes(user(owner), (String) item.get("contentUrl"), new HttpHeaders());
		assertThat(stored.getBody()).isEqualTo(content);
		assertThat(progress(owner, upload)).containsEntry("status", "COMPLETED")
			.containsEntry("mediaId", item.get("id"));
		assertThat(StoredFiles.receiving(this.storage).part(id)).doesNotExist();

		assertProblem(put(owner, upload, content, 299_999, 299_999), HttpStatus.CONFLICT, "part after completion");
		ResponseEntity<Map<String, Object>> again = this.api.send("POST", user(owner), upload + "/complete", null,
				null);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody()).containsEntry("id", item.get("id"));
	}

	@Test
	void uploadsASmallFileInOnePart() {
		long owner = newUser();
		byte[] content = TestMedia.png(80, 60);
		URI upload = create(owner, "small.png", content.length, "Small").getHeaders().getLocation();
		ResponseEntity<Map<String, Object>> done = put(owner, upload, content, 0, content.length - 1);
		assertThat(done.getStatusCode()).as("%s", done.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(done.getBody()).containsEntry("contentType", "image/png")
			.containsEntry("width", 80)
			.containsEntry("height", 60)
			.containsEntry("thumbnailStatus", "PENDING");
	}

	@Test
	void refusesAFileOfAnotherTypeAsSoonAsItsFirstBytesArrive() throws Exception {
		long owner = newUser();
		byte[] text = "not a picture at all ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
		URI upload = create(owner, "photo.png", text.length, "Fake").getHeaders().getLocation();
		assertProblem(put(owner, upload, text, 0, 4999), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "text");
		assertThat(progress(owner, upload)).containsEntry("status", "FAILED")
			.containsEntry("failure", Problems.unsupportedType().getReason());
		assertThat(StoredFiles.receiving(this.storage).part(id(upload))).doesNotExist();
		assertProblem(put(owner, upload, text, 5000, 5099), HttpStatus.CONFLICT, "part after failure");
		assertThat(this.api.total(user(owner), "/api/media?owner=" + owner)).isZero();
	}

	@Test
	void refusesAFileTooLargeForItsTypeAsSoonAsItsTypeIsKnown() {
		long owner = newUser();
		byte[] image = TestMedia.noisyPng(100, 100);
		DataSize maxImageSize = this.properties.getMaxImageSize();
		this.properties.setMaxImageSize(DataSize.ofBytes(image.length - 1));
		try {
			URI upload = create(owner, "big.png", image.length, "Big").getHeaders().getLocation();
			assertProblem(put(owner, upload, image, 0, MediaFormat.HEAD_LENGTH - 1), HttpStatus.CONTENT_TOO_LARGE,
					"image over the image limit");
			assertThat(progress(owner, upload)).containsEntry("status", "FAILED");
		}
		finally {
			this.properties.setMaxImageSize(maxImageSize);
		}
	}

	@Test
	void countsUploadsInProgressAgainstTheQuota() {
		long owner = newUser();
		DataSize quota = this.properties.getQuota();
		this.properties.setQuota(DataSize.ofKilobytes(10));
		try {
			URI first = create(owner, "one.mp4", 6000, "One").getHeaders().getLocation();
			ResponseEntity<Map<String, Object>> refused = create(owner, "two.mp4", 6000, "Two");
			assertProblem(refused, HttpStatus.CONTENT_TOO_LARGE, "second upload over the quota");
			assertThat(refused.getBody()).containsEntry("title", "Storage quota exceeded");
			assertThat(this.api.send("DELETE", user(owner), first.toString(), null, null).getStatusCode())
				.isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(create(owner, "two.mp4", 6000, "Two").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		}
		finally {
			this.properties.setQuota(quota);
		}
		long tooLarge = this.properties.maxFileSize() + 1;
		assertProblem(create(owner, "huge.mp4", tooLarge, "Huge"), HttpStatus.CONTENT_TOO_LARGE, "over any limit");
	}

	@Test
	void refusesBadPartsAndKeepsNothingOfThem() {
		long owner = newUser();
		byte[] content = TestMedia.png(50, 50);
		URI upload = create(owner, "a.png", content.length, "A").getHeaders().getLocation();
		byte[] part = Arrays.copyOf(content, 10);
		for (String range : List.of("", "bytes 0-9", "bytes=0-9/" + content.length, "bytes 0-9/" + (content.length + 1),
				"bytes 5-2/" + content.length, "bytes 0-" + content.length + "/" + content.length, "items 0-9/10",
				"bytes 0-19/" + content.length)) {
			ResponseEntity<Map<String, Object>> response = this.api.http.put()
				.uri(upload)
				.header(HttpHeaders.AUTHORIZATION, user(owner))
				.headers((headers) -> {
					if (!range.isEmpty()) {
						headers.set(HttpHeaders.CONTENT_RANGE, range);
					}
				})
				.contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
				.body(part)
				.retrieve()
				.toEntity(JSON);
			assertProblem(response, HttpStatus.BAD_REQUEST, "Content-Range '" + range + "'");
		}
		assertThat(progress(owner, upload)).containsEntry("receivedBytes", 0).containsEntry("status", "ACTIVE");
		assertProblem(this.api.send("POST", user(owner), upload + "/complete", null, null), HttpStatus.CONFLICT,
				"completing an upload that lacks bytes");
		for (String json : List.of("{\"filename\":\"a.png\",\"title\":\"No size\"}",
				"{\"filename\":\"a.png\",\"size\":\"ten\",\"title\":\"A\"}", "{\"size\":10,\"title\":\"No name\"}",
				"{\"filename\":\"a.png\",\"size\":0,\"title\":\"Empty\"}",
				"{\"filename\":\"../a.png\",\"size\":10,\"title\":\"Traversal\"}",
				"{\"filename\":\"a.png\",\"size\":10}", "{\"filename\":", "[]")) {
			assertProblem(this.api.json("POST", user(owner), "/api/media/uploads", json), HttpStatus.BAD_REQUEST, json);
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM upload_sessions WHERE owner_id = :owner")
			.param("owner", owner)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void keepsUploadsToTheirOwner() {
		long owner = newUser();
		URI upload = create(owner, "a.png", 100, "A").getHeaders().getLocation();
		String other = user(newUser());
		assertProblem(this.api.get(other, upload.toString()), HttpStatus.NOT_FOUND, "someone else's upload");
		assertProblem(put(other, upload, new byte[100], 0, 99), HttpStatus.NOT_FOUND, "part of someone else's");
		assertProblem(this.api.send("DELETE", other, upload.toString(), null, null), HttpStatus.NOT_FOUND,
				"cancel someone else's");
		assertProblem(this.api.get(null, upload.toString()), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.get(user(owner), "/api/media/uploads/not-a-uuid"), HttpStatus.BAD_REQUEST,
				"malformed id");
		assertProblem(this.api.get(user(owner), "/api/media/uploads/" + UUID.randomUUID()), HttpStatus.NOT_FOUND,
				"unknown id");
		assertThat(progress(owner, upload)).containsEntry("status", "ACTIVE");
	}

	@Test
	void oneWriterAtATimeWhateverTheReplica() throws Exception {
		long owner = newUser();
		byte[] content = TestMedia.png(30, 30);
		URI upload = create(owner, "a.png", content.length, "A").getHeaders().getLocation();
		try (UploadPart held = this.storage.openPart(id(upload))) {
			assertProblem(put(owner, upload, content, 0, content.length - 1), HttpStatus.CONFLICT, "part file locked");
		}
		assertThat(put(owner, upload, content, 0, content.length - 1).getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void deletesAbandonedUploadsAndLeftoverStagedFiles() throws Exception {
		long owner = newUser();
		byte[] content = TestMedia.largeMp4(10_000);
		URI upload = create(owner, "a.mp4", content.length, "Abandoned").getHeaders().getLocation();
		assertThat(put(owner, upload, content, 0, 4999).getStatusCode()).isEqualTo(HttpStatus.OK);
		URI fresh = create(owner, "b.mp4", content.length, "Fresh").getHeaders().getLocation();
		this.jdbc.sql("UPDATE upload_sessions SET expires_at = now() - interval '1 minute' WHERE id = :id")
			.param("id", id(upload))
			.update();
		Path leftover = StoredFiles.receiving(this.storage).root().resolve("staging").resolve(UUID.randomUUID() + ".tmp");
		Files.createDirectories(leftover.getParent());
		Files.write(leftover, new byte[10]);
		Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

		this.uploads.deleteExpired();

		assertProblem(this.api.get(user(owner), upload.toString()), HttpStatus.NOT_FOUND, "expired upload");
		assertThat(StoredFiles.receiving(this.storage).part(id(upload))).doesNotExist();
		assertThat(leftover).doesNotExist();
		assertThat(progress(owner, fresh)).containsEntry("status", "ACTIVE");
	}

	private ResponseEntity<Map<String, Object>> create(long owner, String filename, long size, String title) {
		return this.api.json("POST", user(owner), "/api/media/uploads", "{\"filename\":\"" + filename + "\",\"size\":"
				+ size + ",\"title\":\"" + title + "\",\"categories\":[\"Travel\"]}");
	}

	private ResponseEntity<Map<String, Object>> put(long owner, URI upload, byte[] content, int start, int end) {
		return put(user(owner), upload, content, start, end);
	}

	private ResponseEntity<Map<String, Object>> put(String token, URI upload, byte[] content, int start, int end) {
		return this.api.http.put()
			.uri(upload)
			.header(HttpHeaders.AUTHORIZATION, token)
			.header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + content.length)
			.contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
			.body(Arrays.copyOfRange(content, start, end + 1))
			.retrieve()
			.toEntity(JSON);
	}

	private Map<String, Object> progress(long owner, URI upload) {
		ResponseEntity<Map<String, Object>> response = this.api.get(user(owner), upload.toString());
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	/** Announces a part, sends half of it, and closes the connection, as a dropped mobile connection would. */
	private void sendHalfAndDisconnect(long owner, URI upload, byte[] content, int start, int end) throws Exception {
		int length = end - start + 1;
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PUT " + upload.getPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + user(owner)
					+ "\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes " + start + "-" + end + "/"
					+ content.length + "\r\nContent-Length: " + length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(content, start, length / 2);
			out.flush();
			Thread.sleep(200);
		}
	}

	private static UUID id(URI upload) {
		return UUID.fromString(Path.of(upload.getPath()).getFileName().toString());
	}

}
