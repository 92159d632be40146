package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.server.ResponseStatusException;

import static com.zviewer.cloud.media.MediaApi.id;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What is particular to object storage: objects in the bucket and none on the volume, reads from an offset, an
 * unreachable store, and a large file stored and read back in a small heap.
 */
@MediaServiceTest
@S3Storage
class S3StorageTests extends MediaServiceTestSupport {

	@Autowired
	MediaStorage storage;

	@Autowired
	S3Client s3;

	@Autowired
	GenericContainer<?> s3proxy;

	@Autowired
	MediaProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void keepsOriginalsAndThumbnailsInTheBucketAndNoneOnTheVolume() throws Exception {
		assertThat(this.storage).isInstanceOf(S3MediaStorage.class);
		long owner = newUser();
		byte[] image = TestMedia.png(400, 200);
		Map<String, Object> item = this.api.uploaded(user(owner), image, "bucket.png", "In the bucket");
		String uri = "/api/media/" + id(item);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "READY".equals(this.api.get(user(owner), uri).getBody().get("thumbnailStatus")));
		String key = this.jdbc.sql("SELECT storage_key FROM media_items WHERE id = :id")
			.param("id", id(item))
			.query(String.class)
			.single();
		assertThat(this.s3.getObjectAsBytes((request) -> request.bucket(S3Storage.BUCKET).key(key)).asByteArray())
			.isEqualTo(image);
		assertThat(objects(key)).containsExactlyInAnyOrder(key, MediaItem.thumbnailKey(key));
		assertThat(regularFiles(StoredFiles.receiving(this.storage).root().resolve("items"))).isEmpty();

		assertThat(this.api.send("DELETE", user(owner), uri, null, null).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(objects(key)).isEmpty();
	}

	@Test
	void readsAnObjectFromWhereTheStreamSkippedTo() throws Exception {
		long owner = newUser();
		byte[] video = TestMedia.largeMp4(3_000_000);
		Map<String, Object> item = this.api.uploaded(user(owner), video, "seek.mp4", "Seek");
		String key = this.jdbc.sql("SELECT storage_key FROM media_items WHERE id = :id")
			.param("id", id(item))
			.query(String.class)
			.single();
		Resource object = this.storage.find(key).orElseThrow();
		assertThat(object.contentLength()).isEqualTo(video.length);
		assertThat(object.isFile()).isFalse();
		try (InputStream in = object.getInputStream()) {
			assertThat(in.skip(2_500_000)).isEqualTo(2_500_000);
			assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOfRange(video, 2_500_000, 2_501_000));
			// Closed long before the end: the rest is not downloaded.
		}
		try (InputStream in = object.getInputStream()) {
			assertThat(in.skip(5_000_000)).isEqualTo(3_000_000);
			assertThat(in.read()).isEqualTo(-1);
		}
		assertThat(this.storage.find("items/00/" + "0".repeat(36))).isEmpty();
	}

	@Test
	void servesRangesWithRangedGetObjects() {
		long owner = newUser();
		byte[] video = TestMedia.largeMp4(3_000_000);
		Map<String, Object> item = this.api.uploaded(user(owner), video, "ranges.mp4", "Ranges");
		String key = this.jdbc.sql("SELECT storage_key FROM media_items WHERE id = :id")
			.param("id", id(item))
			.query(String.class)
			.single();
		String content = (String) item.get("contentUrl");
		HttpHeaders seek = new HttpHeaders();
		seek.set(HttpHeaders.RANGE, "bytes=2500000-2500999");
		ResponseEntity<byte[]> partial = this.api.bytes(user(owner), content, seek);
		assertThat(partial.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(partial.getBody()).isEqualTo(Arrays.copyOfRange(video, 2_500_000, 2_501_000));
		assertThat(RecordedGetObjects.of(key)).extracting(RecordedGetObjects.GetObject::range)
			.containsExactly("bytes=2500000-");

		HttpHeaders several = new HttpHeaders();
		several.set(HttpHeaders.RANGE, "bytes=0-9,2000000-2000009");
		ResponseEntity<byte[]> multipart = this.api.bytes(user(owner), content, several);
		assertThat(multipart.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(new String(multipart.getBody(), StandardCharsets.ISO_8859_1))
			.contains("Content-Range: bytes 2000000-2000009/3000000")
			.contains(new String(Arrays.copyOfRange(video, 2_000_000, 2_000_010), StandardCharsets.ISO_8859_1));
		assertThat(RecordedGetObjects.of(key)).extracting(RecordedGetObjects.GetObject::range)
			.containsExactly("bytes=2500000-", null, "bytes=2000000-");
	}

	@Test
	void refusesUploadsWithA503WhileTheStoreCannotBeReached() throws Exception {
		MediaProperties unreachable = new MediaProperties();
		unreachable.getStorage().setDirectory(StoredFiles.receiving(this.storage).root());
		MediaProperties.S3 settings = unreachable.getStorage().getS3();
		settings.setEndpoint(URI.create("http://127.0.0.1:9"));
		settings.setBucket(S3Storage.BUCKET);
		settings.setAccessKey("nobody");
		settings.setSecretKey("nothing");
		try (S3Client client = MediaStorageConfiguration.s3Client(settings)) {
			S3MediaStorage storage = new S3MediaStorage(client, settings,
					new LocalMediaStorage(unreachable, new MultipartProperties()));
			assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(storage::checkWritable)
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
			assertThatExceptionOfType(ResponseStatusException.class)
				.isThrownBy(() -> storage.find("items/00/" + "0".repeat(36)))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> storage.delete("items/00/" + "0".repeat(36)));
		}
	}

	/**
	 * Stores 200 MB in the bucket and reads it back in a JVM whose heap is 64 MB: the file is streamed from disk to
	 * the store and back, never held in memory.
	 */
	@Test
	void storesAndReadsA200MegabyteFileInA64MegabyteHeap() throws Exception {
		Path directory = Files.createTempDirectory(
				Path.of(System.getProperty("zviewer.root"), "services/media-service/target"), "heap-check");
		try {
			String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx64m", "-XX:+UseSerialGC", "-cp", classPath, S3UploadHeapCheck.class.getName(),
					S3ProxyContainerConfiguration.endpoint(this.s3proxy), S3Storage.BUCKET, directory.toString(),
					Long.toString(200L * 1024 * 1024))
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
			System.out.println("S3 heap check: " + output.strip());
			assertThat(process.exitValue()).as(output).isZero();
			assertThat(output).contains("size=209715200 length=209715200")
				.contains("sha256Matches=true")
				.contains("rangeMatches=true");
			assertThat(regularFiles(directory.resolve("staging"))).isEmpty();
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private List<String> objects(String key) {
		List<String> keys = new ArrayList<>();
		this.s3.listObjectsV2Paginator((request) -> request.bucket(S3Storage.BUCKET).prefix(key))
			.contents()
			.forEach((object) -> keys.add(object.key()));
		return keys;
	}

	private static List<Path> regularFiles(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

}
