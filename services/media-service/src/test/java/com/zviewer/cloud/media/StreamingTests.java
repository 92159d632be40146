package com.zviewer.cloud.media;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Streaming files: validators and conditional requests, Range requests, large files. */
@MediaServiceTest
class StreamingTests extends MediaServiceTestSupport {

	@Test
	void servesTheFileWithItsTypeAndValidatorsAndAnswersConditionalRequests() throws Exception {
		long owner = newUser();
		byte[] image = TestMedia.png(120, 80);
		Map<String, Object> item = this.api.uploaded(user(owner), image, "red sky.png", "Red sky");
		String content = (String) item.get("contentUrl");

		ResponseEntity<byte[]> full = get(owner, content, new HttpHeaders());
		assertThat(full.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(full.getBody()).isEqualTo(image);
		HttpHeaders headers = full.getHeaders();
		assertThat(headers.getContentType()).isEqualTo(MediaType.IMAGE_PNG);
		assertThat(headers.getContentLength()).isEqualTo(image.length);
		assertThat(headers.getETag()).isEqualTo("\"" + UploadTests.sha256(image) + "\"");
		assertThat(headers.getLastModified()).isPositive();
		assertThat(headers.getFirst(HttpHeaders.ACCEPT_RANGES)).isEqualTo("bytes");
		assertThat(headers.getCacheControl()).contains("no-cache").contains("private");
		assertThat(headers.getContentDisposition().getFilename()).isEqualTo("red sky.png");
		assertThat(headers.getContentDisposition().isInline()).isTrue();

		HttpHeaders ifNoneMatch = new HttpHeaders();
		ifNoneMatch.setIfNoneMatch(headers.getETag());
		ResponseEntity<byte[]> notModified = get(owner, content, ifNoneMatch);
		assertThat(notModified.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(notModified.getBody()).isNullOrEmpty();
		assertThat(notModified.getHeaders().getETag()).isEqualTo(headers.getETag());

		HttpHeaders ifModifiedSince = new HttpHeaders();
		ifModifiedSince.setIfModifiedSince(headers.getLastModified());
		assertThat(get(owner, content, ifModifiedSince).getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);

		HttpHeaders otherTag = new HttpHeaders();
		otherTag.setIfNoneMatch("\"something-else\"");
		assertThat(get(owner, content, otherTag).getStatusCode()).isEqualTo(HttpStatus.OK);

		ResponseEntity<byte[]> head = this.api.http.head()
			.uri(content)
			.header(HttpHeaders.AUTHORIZATION, user(owner))
			.retrieve()
			.toEntity(byte[].class);
		assertThat(head.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(head.getHeaders().getContentLength()).isEqualTo(image.length);
		assertThat(head.getHeaders().getETag()).isEqualTo(headers.getETag());
		assertThat(head.getBody()).isNullOrEmpty();
	}

	@Test
	void servesRangesForSeeking() throws Exception {
		long owner = newUser();
		byte[] video = TestMedia.largeMp4(2_000_000);
		Map<String, Object> item = this.api.uploaded(user(owner), video, "long.mp4", "Long");
		String content = (String) item.get("contentUrl");

		ResponseEntity<byte[]> first = range(owner, content, "bytes=0-99");
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(first.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 0-99/2000000");
		assertThat(first.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("video/mp4"));
		assertThat(first.getBody()).isEqualTo(Arrays.copyOfRange(video, 0, 100));

		ResponseEntity<byte[]> seek = range(owner, content, "bytes=1500000-");
		assertThat(seek.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(seek.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 1500000-1999999/2000000");
		assertThat(seek.getBody()).isEqualTo(Arrays.copyOfRange(video, 1_500_000, 2_000_000));

		ResponseEntity<byte[]> suffix = range(owner, content, "bytes=-500");
		assertThat(suffix.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(suffix.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 1999500-1999999/2000000");
		assertThat(suffix.getBody()).isEqualTo(Arrays.copyOfRange(video, 1_999_500, 2_000_000));

		ResponseEntity<byte[]> several = range(owner, content, "bytes=0-9,1000-1009");
		assertThat(several.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		MediaType byteranges = MediaType.parseMediaType("multipart/byteranges");
		assertThat(several.getHeaders().getContentType().isCompatibleWith(byteranges)).isTrue();
		String multipart = new String(several.getBody(), StandardCharsets.ISO_8859_1);
		assertThat(multipart).contains("Content-Range: bytes 0-9/2000000")
			.contains("Content-Range: bytes 1000-1009/2000000")
			.contains(new String(Arrays.copyOfRange(video, 1000, 1010), StandardCharsets.ISO_8859_1));

		for (String unsatisfiable : new String[] { "bytes=2000000-2000100", "bytes=5000000-", "bytes=abc",
				"bytes=0-1999999,0-1999999" }) {
			ResponseEntity<Map<String, Object>> refused = this.api.http.get()
				.uri(content)
				.header(HttpHeaders.AUTHORIZATION, user(owner))
				.header(HttpHeaders.RANGE, unsatisfiable)
				.retrieve()
				.toEntity(JSON);
			assertProblem(refused, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, unsatisfiable);
			assertThat(refused.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes */2000000");
		}

		String etag = first.getHeaders().getETag();
		HttpHeaders current = new HttpHeaders();
		current.set(HttpHeaders.RANGE, "bytes=10-19");
		current.set(HttpHeaders.IF_RANGE, etag);
		ResponseEntity<byte[]> stillValid = get(owner, content, current);
		assertThat(stillValid.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(stillValid.getBody()).isEqualTo(Arrays.copyOfRange(video, 10, 20));
		HttpHeaders byDate = new HttpHeaders();
		byDate.set(HttpHeaders.RANGE, "bytes=10-19");
		byDate.set(HttpHeaders.IF_RANGE, first.getHeaders().getFirst(HttpHeaders.LAST_MODIFIED));
		assertThat(get(owner, content, byDate).getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		HttpHeaders outdated = new HttpHeaders();
		outdated.set(HttpHeaders.RANGE, "bytes=10-19");
		outdated.set(HttpHeaders.IF_RANGE, "\"an-older-version\"");
		ResponseEntity<byte[]> whole = get(owner, content, outdated);
		assertThat(whole.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(whole.getHeaders().getContentLength()).isEqualTo(video.length);
		assertThat(whole.getBody()).isEqualTo(video);
		HttpHeaders oldDate = new HttpHeaders();
		oldDate.set(HttpHeaders.RANGE, "bytes=10-19");
		oldDate.set(HttpHeaders.IF_RANGE, "Tue, 01 Jan 2019 00:00:00 GMT");
		assertThat(get(owner, content, oldDate).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void streamsALargeFileFromDisk() throws Exception {
		long owner = newUser();
		int size = 24 * 1024 * 1024;
		byte[] video = TestMedia.largeMp4(size);
		URI upload = this.api.json("POST", user(owner), "/api/media/uploads",
				"{\"filename\":\"large.mp4\",\"size\":" + size + ",\"title\":\"Large\"}")
			.getHeaders()
			.getLocation();
		int part = 8 * 1024 * 1024;
		ResponseEntity<Map<String, Object>> done = null;
		for (int start = 0; start < size; start += part) {
			int end = Math.min(size, start + part) - 1;
			done = this.api.http.put()
				.uri(upload)
				.header(HttpHeaders.AUTHORIZATION, user(owner))
				.header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size)
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(Arrays.copyOfRange(video, start, end + 1))
				.retrieve()
				.toEntity(JSON);
		}
		assertThat(done.getStatusCode()).as("%s", done.getBody()).isEqualTo(HttpStatus.CREATED);
		String content = (String) done.getBody().get("contentUrl");
		String expected = UploadTests.sha256(video);
		video = null;

		String[] streamed = new String[2];
		this.api.http.get()
			.uri(content)
			.header(HttpHeaders.AUTHORIZATION, user(owner))
			.exchange((request, response) -> {
				MessageDigest sha256 = sha256();
				try (InputStream body = new DigestInputStream(response.getBody(), sha256)) {
					body.transferTo(OutputStream.nullOutputStream());
				}
				streamed[0] = HexFormat.of().formatHex(sha256.digest());
				streamed[1] = Long.toString(response.getHeaders().getContentLength());
				return null;
			});
		assertThat(streamed[0]).isEqualTo(expected);
		assertThat(streamed[1]).isEqualTo(Integer.toString(size));
		ResponseEntity<byte[]> middle = range(owner, content, "bytes=20000000-20000009");
		assertThat(middle.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE))
			.isEqualTo("bytes 20000000-20000009/" + size);
		assertThat(middle.getBody()).isEqualTo(Arrays.copyOfRange(TestMedia.largeMp4(size), 20_000_000, 20_000_010));
	}

	@Test
	void answersUnknownAndInvisibleContentWithNotFound() {
		assertProblem(this.api.get(null, "/api/media/987654321/content"), HttpStatus.NOT_FOUND, "unknown item");
		long owner = newUser();
		Map<String, Object> item = this.api.uploaded(user(owner), TestMedia.png(10, 10), "a.png", "Pending");
		assertProblem(this.api.get(null, (String) item.get("contentUrl")), HttpStatus.NOT_FOUND, "pending, anonymous");
		assertProblem(this.api.get(user(newUser()), (String) item.get("contentUrl")), HttpStatus.NOT_FOUND,
				"pending, another user");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<byte[]> range(long owner, String uri, String range) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RANGE, range);
		return get(owner, uri, headers);
	}

	private ResponseEntity<byte[]> get(long owner, String uri, HttpHeaders headers) {
		return this.api.bytes(user(owner), uri, headers);
	}

}
