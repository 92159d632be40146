package com.zviewer.cloud.media;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;

import static com.zviewer.cloud.media.MediaApi.file;
import static com.zviewer.cloud.media.MediaApi.id;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Multipart uploads: each accepted type, the type decided by content, size limits, quota and bad form fields. */
@MediaServiceTest
class UploadTests extends MediaServiceTestSupport {

	@Autowired
	MediaProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MediaStorage storage;

	static Stream<Arguments> eachType() {
		return Stream.of(arguments("photo.png", TestMedia.png(640, 480), "image/png", "IMAGE", 640, 480, null),
				arguments("photo.jpg", TestMedia.jpeg(300, 200), "image/jpeg", "IMAGE", 300, 200, null),
				arguments("anim.gif", TestMedia.gif(120, 90), "image/gif", "IMAGE", 120, 90, null),
				arguments("picture.webp", TestMedia.webp(), "image/webp", "IMAGE", 64, 48, null),
				arguments("lossless.webp", TestMedia.losslessWebp(), "image/webp", "IMAGE", 64, 48, null),
				arguments("clip.mp4", TestMedia.mp4(), "video/mp4", "VIDEO", 64, 48, 2000),
				arguments("late.mp4", TestMedia.mp4WithMoovAtEnd(), "video/mp4", "VIDEO", 64, 48, 2500),
				arguments("clip.webm", TestMedia.webm(), "video/webm", "VIDEO", 64, 48, 2000));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("eachType")
	void storesEachTypeWithWhatItsHeaderTells(String filename, byte[] content, String contentType, String mediaType,
			int width, int height, Integer durationMillis) throws Exception {
		long owner = newUser();
		ResponseEntity<Map<String, Object>> response = this.api.upload(user(owner), content, filename, " Holiday ");
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		Map<String, Object> item = response.getBody();
		assertThat(response.getHeaders().getLocation()).hasPath("/api/media/" + id(item));
		assertThat(item).containsEntry("title", "Holiday")
			.containsEntry("ownerId", (int) owner)
			.containsEntry("contentType", contentType)
			.containsEntry("mediaType", mediaType)
			.containsEntry("size", content.length)
			.containsEntry("width", width)
			.containsEntry("height", height)
			.containsEntry("durationMillis", durationMillis)
			.containsEntry("originalFilename", filename)
			.containsEntry("status", "PENDING")
			.containsEntry("thumbnailStatus", "PENDING")
			.containsEntry("contentUrl", "/api/media/" + id(item) + "/content")
			.containsEntry("contentHash", sha256(content));
		String key = this.jdbc.sql("SELECT storage_key FROM media_items WHERE id = :id")
			.param("id", id(item))
			.query(String.class)
			.single();
		assertThat(key).doesNotContain(filename);
		assertThat(StoredFiles.read(this.storage, key)).hasValue(content);
	}

	@Test
	void decidesTheTypeFromTheContentNeverTheName() {
		long owner = newUser();
		byte[] text = "just some text, not a picture".getBytes(StandardCharsets.UTF_8);
		byte[] pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.US_ASCII);
		byte[] quickTime = TestMedia.mp4().clone();
		System.arraycopy("qt  ".getBytes(StandardCharsets.US_ASCII), 0, quickTime, 8, 4);
		byte[] matroska = TestMedia.webm().clone();
		int docType = indexOf(matroska, "webm".getBytes(StandardCharsets.US_ASCII));
		System.arraycopy("mkvx".getBytes(StandardCharsets.US_ASCII), 0, matroska, docType, 4);
		for (Object[] refused : List.of(new Object[] { text, "photo.jpg" }, new Object[] { pdf, "doc.png" },
				new Object[] { quickTime, "movie.mp4" }, new Object[] { matroska, "movie.webm" })) {
			ResponseEntity<Map<String, Object>> response = this.api.upload(user(owner), (byte[]) refused[0],
					(String) refused[1], "Refused");
			assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, (String) refused[1]);
		}
		assertThat(this.api.total(user(owner), "/api/media?owner=" + owner)).isZero();
		Map<String, Object> png = this.api.uploaded(user(owner), TestMedia.png(10, 10), "not-a-video.mp4", "PNG");
		assertThat(png).containsEntry("contentType", "image/png").containsEntry("mediaType", "IMAGE");
	}

	@Test
	void refusesAnonymousUploads() {
		ResponseEntity<Map<String, Object>> response = this.api.upload(null, TestMedia.png(10, 10), "a.png", "A");
		assertProblem(response, HttpStatus.UNAUTHORIZED, "anonymous upload");
	}

	@Test
	void refusesFilesOverTheLimitOfTheirType() {
		long owner = newUser();
		byte[] image = TestMedia.png(200, 200);
		DataSize maxImageSize = this.properties.getMaxImageSize();
		this.properties.setMaxImageSize(DataSize.ofBytes(image.length - 1));
		try {
			ResponseEntity<Map<String, Object>> refused = this.api.upload(user(owner), image, "big.png", "Big");
			assertProblem(refused, HttpStatus.CONTENT_TOO_LARGE, "image over the image limit");
			assertThat((String) refused.getBody().get("detail")).startsWith("The png file is larger than the limit");
			// The video limit is another one.
			this.api.uploaded(user(owner), TestMedia.mp4(), "clip.mp4", "Small clip");
		}
		finally {
			this.properties.setMaxImageSize(maxImageSize);
		}
		assertThat(this.api.total(user(owner), "/api/media?owner=" + owner)).isOne();
		this.api.uploaded(user(owner), image, "big.png", "Big");
	}

	@Test
	void refusesByContentLengthBeforeReadingTheBody() throws Exception {
		long owner = newUser();
		DataSize maxImageSize = this.properties.getMaxImageSize();
		DataSize maxVideoSize = this.properties.getMaxVideoSize();
		this.properties.setMaxImageSize(DataSize.ofMegabytes(1));
		this.properties.setMaxVideoSize(DataSize.ofMegabytes(2));
		try {
			// 100 MB announced, below the servlet container's limit: only the service's own check can refuse it
			// before the body arrives, and the body never does.
			assertThat(statusOfAnnouncedUpload(owner, 100_000_000L)).isEqualTo(413);
		}
		finally {
			this.properties.setMaxImageSize(maxImageSize);
			this.properties.setMaxVideoSize(maxVideoSize);
		}
		DataSize quota = this.properties.getQuota();
		this.properties.setQuota(DataSize.ofMegabytes(1));
		try {
			assertThat(statusOfAnnouncedUpload(owner, 50_000_000L)).isEqualTo(413);
		}
		finally {
			this.properties.setQuota(quota);
		}
	}

	/** Sends the headers of an upload announcing the length, and only the start of its body. */
	private int statusOfAnnouncedUpload(long owner, long contentLength) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + user(owner)
					+ "\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + contentLength
					+ "\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String status = in.readLine();
			return Integer.parseInt(status.split(" ")[1]);
		}
	}

	@Test
	void keepsEachUserWithinTheQuota() {
		long owner = newUser();
		byte[] image = TestMedia.png(300, 300);
		DataSize quota = this.properties.getQuota();
		this.properties.setQuota(DataSize.ofBytes(image.length * 2L + 10));
		try {
			this.api.uploaded(user(owner), image, "one.png", "One");
			this.api.uploaded(user(owner), image, "two.png", "Two");
			ResponseEntity<Map<String, Object>> refused = this.api.upload(user(owner), image, "three.png", "Three");
			assertProblem(refused, HttpStatus.CONTENT_TOO_LARGE, "over the quota");
			assertThat(refused.getBody()).containsEntry("title", "Storage quota exceeded")
				.containsEntry("quotaBytes", image.length * 2 + 10)
				.containsEntry("usedBytes", image.length * 2)
				.containsEntry("requestedBytes", image.length);
			// Another user has a quota of their own.
			this.api.uploaded(user(newUser()), image, "other.png", "Other");
		}
		finally {
			this.properties.setQuota(quota);
		}
		assertThat(this.api.total(user(owner), "/api/media?owner=" + owner)).isEqualTo(2);
	}

	@Test
	void enforcesTheTitleLimitOfTheCurrentSettings() {
		long owner = newUser();
		this.properties.setMaxTitleLength(10);
		try {
			ResponseEntity<Map<String, Object>> refused = this.api.upload(user(owner), TestMedia.png(10, 10), "a.png",
					"eleven char");
			assertProblem(refused, HttpStatus.BAD_REQUEST, "title over the limit");
			assertThat(refused.getBody()).containsEntry("detail", "The title is longer than 10 characters");
			this.api.uploaded(user(owner), TestMedia.png(10, 10), "a.png", "ten chars!");
		}
		finally {
			this.properties.setMaxTitleLength(200);
		}
		assertThat(this.api.total(user(owner), "/api/media?owner=" + owner)).isOne();
	}

	@Test
	void refusesBadFormFieldsAndStoresNothing() {
		long owner = newUser();
		byte[] image = TestMedia.png(10, 10);
		assertProblem(this.api.upload(user(owner), image, "a.png", null), HttpStatus.BAD_REQUEST, "no title");
		assertProblem(this.api.upload(user(owner), image, "a.png", "   "), HttpStatus.BAD_REQUEST, "blank title");
		assertProblem(this.api.upload(user(owner), new byte[0], "a.png", "Empty"), HttpStatus.BAD_REQUEST, "empty");
		for (String name : List.of("../../etc/passwd", "..", "dir/a.png", "C:\\Users\\a.png", "a\u0000.png")) {
			assertProblem(this.api.upload(user(owner), image, name, "Traversal"), HttpStatus.BAD_REQUEST, name);
		}
		MultiValueMap<String, Object> noFile = new LinkedMultiValueMap<>();
		noFile.add("title", "No file");
		assertProblem(this.api.upload(user(owner), noFile), HttpStatus.BAD_REQUEST, "no file part");
		MultiValueMap<String, Object> badCategory = form(image, "Bad category");
		badCategory.add("categories", "<script>");
		assertProblem(this.api.upload(user(owner), badCategory), HttpStatus.BAD_REQUEST, "bad category");
		MultiValueMap<String, Object> longDescription = form(image, "Long description");
		longDescription.add("description", "x".repeat(5001));
		assertProblem(this.api.upload(user(owner), longDescription), HttpStatus.BAD_REQUEST, "long description");
		assertProblem(this.api.json("POST", user(owner), "/api/media", "{\"title\":\"JSON\",\"mediaType\":\"IMAGE\"}"),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "JSON instead of multipart");
		assertProblem(this.api.send("POST", user(owner), "/api/media", "multipart/form-data; boundary=nope",
				"this is not multipart"), HttpStatus.BAD_REQUEST, "malformed multipart");
		assertThat(this.api.total(user(owner), "/api/media?owner=" + owner)).isZero();
	}

	@Test
	void storesDescriptionAndCategories() {
		long owner = newUser();
		MultiValueMap<String, Object> form = form(TestMedia.jpeg(20, 20), "Beach");
		form.add("description", "  Waves at sunset ");
		form.add("categories", "Holiday, sea");
		form.add("categories", "holiday");
		ResponseEntity<Map<String, Object>> response = this.api.upload(user(owner), form);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody()).containsEntry("description", "Waves at sunset")
			.containsEntry("categories", List.of("holiday", "sea"));
	}

	static MultiValueMap<String, Object> form(byte[] content, String title) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", file(content, "file.bin"));
		form.add("title", title);
		return form;
	}

	static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	private static int indexOf(byte[] data, byte[] part) {
		outer: for (int i = 0; i + part.length <= data.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (data[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalArgumentException("not found");
	}

}
