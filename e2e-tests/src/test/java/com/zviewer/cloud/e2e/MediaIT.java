package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY;
import static com.zviewer.cloud.e2e.ZViewerStack.ROOT;
import static com.zviewer.cloud.e2e.ZViewerStack.awaitAssertion;
import static com.zviewer.cloud.e2e.ZViewerStack.bearer;
import static com.zviewer.cloud.e2e.ZViewerStack.get;
import static com.zviewer.cloud.e2e.ZViewerStack.json;
import static com.zviewer.cloud.e2e.ZViewerStack.multipart;
import static com.zviewer.cloud.e2e.ZViewerStack.png;
import static com.zviewer.cloud.e2e.ZViewerStack.post;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media through the gateway, with media-service scaled to three replicas by {@link ZViewerSystemIT} (so a resumable
 * upload's parts land on different replicas, sharing one volume): upload, moderation, thumbnails, Range requests,
 * albums, quota, deletion, and bad requests.
 */
@Order(3)
@ExtendWith(ZViewerStack.class)
class MediaIT {

	@Test
	void anImageIsModeratedThumbnailedStreamedAndCollectedInAnAlbum() {
		Session owner = Session.newUser("photographer");
		Session admin = Session.admin();
		byte[] image = png(640, 480, 7);
		HttpResponse<String> uploaded = send(bearer(multipart(GATEWAY + "/api/media",
				Map.of("title", "Harbour at dusk", "description", "Boats and lights", "categories", "travel"),
				"harbour.png", "image/png", image), owner.access()));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		long id = ((Number) JsonPath.read(uploaded.body(), "$.id")).longValue();
		String item = GATEWAY + "/api/media/" + id;
		assertThat((String) JsonPath.read(uploaded.body(), "$.status")).isEqualTo("PENDING");
		assertThat((Integer) JsonPath.read(uploaded.body(), "$.width")).isEqualTo(640);

		// Pending: its owner sees it, nobody else does.
		assertThat(send(get(item)).statusCode()).isEqualTo(404);
		assertThat(send(bearer(get(item), owner.access())).statusCode()).isEqualTo(200);
		assertThat(send(json("PUT", item + "/moderation", "{\"status\":\"APPROVED\"}")).statusCode()).isEqualTo(401);
		assertThat(send(bearer(json("PUT", item + "/moderation", "{\"status\":\"APPROVED\"}"), owner.access()))
			.statusCode()).isEqualTo(403);
		assertThat(send(bearer(json("PUT", item + "/moderation", "{\"status\":\"APPROVED\"}"), admin.access()))
			.statusCode()).isEqualTo(200);
		assertThat(send(get(item)).statusCode()).isEqualTo(200);
		assertThat(send(get(GATEWAY + "/api/media?q=harbour")).body()).contains("\"id\":" + id);

		// The thumbnail appears, made in the background by whichever replica claimed it.
		awaitAssertion(Duration.ofSeconds(30), () -> assertThat(
				(String) JsonPath.read(send(get(item)).body(), "$.thumbnailStatus")).isEqualTo("READY"));
		HttpResponse<byte[]> thumbnail = sendBytes(get(item + "/thumbnail"));
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(thumbnail.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/");

		// Streaming: the whole file, ranges, and revalidation.
		HttpResponse<byte[]> whole = sendBytes(get(item + "/content"));
		assertThat(whole.body()).isEqualTo(image);
		String etag = whole.headers().firstValue("ETag").orElseThrow();
		HttpResponse<byte[]> range = sendBytes(get(item + "/content").header("Range", "bytes=100-199"));
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + image.length);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(image, 100, 200));
		HttpResponse<byte[]> ranges = sendBytes(get(item + "/content").header("Range", "bytes=0-9,-10"));
		assertThat(ranges.statusCode()).isEqualTo(206);
		assertThat(ranges.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/byteranges");
		assertThat(sendBytes(get(item + "/content").header("If-None-Match", etag)).statusCode()).isEqualTo(304);
		assertThat(sendBytes(get(item + "/content").header("Range", "bytes=" + image.length + "-")).statusCode())
			.isEqualTo(416);

		// An album with the image as its cover, published for everyone.
		HttpResponse<String> album = send(bearer(post(GATEWAY + "/api/albums", "{\"title\":\"Harbours\"}"),
				owner.access()));
		assertThat(album.statusCode()).as(album.body()).isEqualTo(201);
		String albumUri = album.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", GATEWAY);
		HttpResponse<String> added = send(bearer(post(albumUri + "/items", "{\"mediaId\":" + id + "}"), owner.access()));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
		assertThat(send(bearer(json("PUT", albumUri + "/cover", "{\"mediaId\":" + id + "}"), owner.access()))
			.statusCode()).isEqualTo(200);
		assertThat(send(bearer(post(albumUri + "/items", "{\"mediaId\":999999999}"), owner.access())).statusCode())
			.as("media that does not exist").isEqualTo(422);
		assertThat(send(bearer(json("PATCH", albumUri, "{\"status\":\"PUBLISHED\",\"visibility\":\"PUBLIC\"}"),
				owner.access()))
			.statusCode()).isEqualTo(200);
		HttpResponse<String> published = send(get(albumUri));
		assertThat(published.statusCode()).isEqualTo(200);
		assertThat(((Number) JsonPath.read(published.body(), "$.coverMediaId")).longValue()).isEqualTo(id);

		// Rejected: hidden again from everyone but its owner and staff.
		assertThat(send(bearer(json("PUT", item + "/moderation", "{\"status\":\"REJECTED\",\"reason\":\"blurry\"}"),
				admin.access()))
			.statusCode()).isEqualTo(200);
		assertThat(send(get(item)).statusCode()).isEqualTo(404);
		assertThat(send(bearer(get(item), owner.access())).body()).contains("blurry");

		// Deleted: gone for its owner too, file and all, and comments-service removes its comments when it hears.
		assertThat(send(bearer(post(GATEWAY + "/api/comments", "{\"mediaId\":" + id + ",\"text\":\"Nice\"}"),
				owner.access()))
			.statusCode()).isEqualTo(201);
		assertThat(send(bearer(get(item).DELETE(), owner.access())).statusCode()).isEqualTo(204);
		assertThat(send(bearer(get(item + "/content"), owner.access())).statusCode()).isEqualTo(404);
		awaitAssertion(Duration.ofSeconds(30), () -> assertThat(((Number) JsonPath
			.read(send(get(GATEWAY + "/api/comments?mediaId=" + id)).body(), "$.page.totalElements")).longValue())
			.isZero());
		// ... and auth-service takes it out of the album, cover included.
		awaitAssertion(Duration.ofSeconds(30), () -> {
			String albumNow = send(get(albumUri)).body();
			assertThat((List<?>) JsonPath.read(albumNow, "$.items")).isEmpty();
			assertThat((Object) JsonPath.read(albumNow, "$.coverMediaId")).isNull();
		});
	}

	@Test
	void aVideoUploadedInPartsSurvivesAnInterruptionAndResumesOnAnyReplica() throws IOException {
		Session owner = Session.newUser("filmmaker");
		byte[] video = resource("clip.mp4");
		HttpResponse<String> created = send(bearer(post(GATEWAY + "/api/media/uploads",
				"{\"filename\":\"clip.mp4\",\"size\":" + video.length + ",\"title\":\"Waves\"}"), owner.access()));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String upload = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", GATEWAY);
		int half = video.length / 2;
		assertThat(sendPart(upload, owner, video, 0, half).statusCode()).isEqualTo(200);

		// The client lost track (a dropped connection): it asks where the upload stands, a part sent from the wrong
		// place is refused with the right offset, and the rest completes it.
		HttpResponse<String> progress = send(bearer(get(upload), owner.access()));
		assertThat(progress.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(half));
		HttpResponse<String> wrongPlace = sendPart(upload, owner, video, 0, 10);
		assertThat(wrongPlace.statusCode()).isEqualTo(409);
		assertThat(wrongPlace.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(half));
		HttpResponse<String> done = sendPart(upload, owner, video, half, video.length);
		assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
		assertThat((String) JsonPath.read(done.body(), "$.contentType")).isEqualTo("video/mp4");
		String item = GATEWAY + "/api/media/" + JsonPath.read(done.body(), "$.id");
		HttpResponse<byte[]> streamed = sendBytes(bearer(get(item + "/content"), owner.access()));
		assertThat(streamed.body()).isEqualTo(video);

		// video-thumbnailer takes a frame (asked on RabbitMQ, read from media-service with the request's ticket),
		// and media-service makes the thumbnail of it: the clip is 64 x 48, and a thumbnail is never enlarged.
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat((String) JsonPath
			.read(send(bearer(get(item), owner.access())).body(), "$.thumbnailStatus")).isEqualTo("READY"));
		HttpResponse<byte[]> thumbnail = sendBytes(bearer(get(item + "/thumbnail"), owner.access()));
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		java.awt.image.BufferedImage frame = javax.imageio.ImageIO
			.read(new java.io.ByteArrayInputStream(thumbnail.body()));
		assertThat(frame.getWidth()).isEqualTo(64);
		assertThat(frame.getHeight()).isEqualTo(48);
		// What the thumbnailer reads from is inside the system only.
		long id = ((Number) JsonPath.read(done.body(), "$.id")).longValue();
		assertThat(send(get(GATEWAY + "/internal/media/" + id + "/frame-source")).statusCode()).isEqualTo(404);

		// An MP4 cut short before its index: accepted as an MP4, but no frame can be taken of it, which the
		// thumbnailer reports at once.
		HttpResponse<String> cut = send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", "Cut"), "cut.mp4",
				"video/mp4", Arrays.copyOf(resource("clip-moov-at-end.mp4"), 600)), owner.access()));
		assertThat(cut.statusCode()).as(cut.body()).isEqualTo(201);
		String cutItem = GATEWAY + "/api/media/" + JsonPath.read(cut.body(), "$.id");
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat((String) JsonPath
			.read(send(bearer(get(cutItem), owner.access())).body(), "$.thumbnailStatus")).isEqualTo("FAILED"));
	}

	/**
	 * The image's FFmpeg is a build of its own with only the decoders the accepted formats need (see the Dockerfile's
	 * "ffmpeg" stage): a clip of each video codec, with sound, gets its thumbnail (H.264 in the test above).
	 */
	@Test
	void aVideoOfEachCodecGetsAThumbnail() {
		Session owner = Session.newUser("codecs");
		Map<String, String> clips = Map.of("clip.webm", "video/webm", "clip-vp9.webm", "video/webm", "clip-av1.webm",
				"video/webm", "clip-hevc.mp4", "video/mp4");
		Map<String, String> items = new java.util.TreeMap<>();
		clips.forEach((name, type) -> {
			HttpResponse<String> uploaded = send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", name), name,
					type, resource(name)), owner.access()));
			assertThat(uploaded.statusCode()).as(name + ": " + uploaded.body()).isEqualTo(201);
			items.put(name, GATEWAY + "/api/media/" + JsonPath.read(uploaded.body(), "$.id"));
		});
		items.forEach((name, item) -> {
			awaitAssertion(Duration.ofSeconds(60), () -> assertThat((String) JsonPath
				.read(send(bearer(get(item), owner.access())).body(), "$.thumbnailStatus")).as(name).isEqualTo("READY"));
			HttpResponse<byte[]> thumbnail = sendBytes(bearer(get(item + "/thumbnail"), owner.access()));
			assertThat(thumbnail.statusCode()).as(name).isEqualTo(200);
			try {
				java.awt.image.BufferedImage frame = javax.imageio.ImageIO
					.read(new java.io.ByteArrayInputStream(thumbnail.body()));
				assertThat(frame.getWidth()).as(name).isEqualTo(64);
				assertThat(frame.getHeight()).as(name).isEqualTo(48);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	@Test
	void refusesBadUploadsAndRequestsWithProblemDetails() {
		Session owner = Session.newUser("careless");
		Session other = Session.newUser("other");
		HttpResponse<String> mine = send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", "Mine"), "mine.png",
				"image/png", png(16, 16, 1)), owner.access()));
		String item = GATEWAY + "/api/media/" + JsonPath.read(mine.body(), "$.id");
		Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
		answers.put("415 not an image, whatever its name", send(bearer(multipart(GATEWAY + "/api/media",
				Map.of("title", "Fake"), "fake.png", "image/png", "just text".getBytes()), owner.access())));
		answers.put("400 path in the file name", send(bearer(multipart(GATEWAY + "/api/media",
				Map.of("title", "Traversal"), "../../etc/passwd", "image/png", png(4, 4, 2)), owner.access())));
		answers.put("401 anonymous upload", send(multipart(GATEWAY + "/api/media", Map.of("title", "Anon"), "a.png",
				"image/png", png(4, 4, 3))));
		answers.put("413 over the quota", send(bearer(post(GATEWAY + "/api/media/uploads",
				"{\"filename\":\"huge.mp4\",\"size\":2000000000,\"title\":\"Huge\"}"), owner.access())));
		answers.put("400 malformed JSON", send(bearer(json("PATCH", item, "{\"title\":"), owner.access())));
		answers.put("400 wrong type", send(bearer(json("PATCH", item, "{\"categories\":{\"a\":1}}"),
				owner.access())));
		answers.put("404 another user's pending item", send(bearer(json("PATCH", item, "{\"title\":\"Theirs\"}"),
				other.access())));
		answers.put("404 unknown id", send(bearer(get(GATEWAY + "/api/media/987654321"), owner.access())));
		answers.put("400 unknown sort", send(get(GATEWAY + "/api/media?sort=password")));
		answers.put("401 forged token", send(bearer(get(item), "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")));
		answers.forEach((what, response) -> {
			assertThat(response.statusCode()).as(what + ": " + response.body())
				.isEqualTo(Integer.parseInt(what.substring(0, 3)));
			assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
		});
		HttpResponse<String> unchanged = send(bearer(get(item), owner.access()));
		assertThat((String) JsonPath.read(unchanged.body(), "$.title")).isEqualTo("Mine");
		assertThat(((Number) JsonPath.read(send(bearer(get(GATEWAY + "/api/media?owner=" + owner.userId()),
				owner.access())).body(), "$.page.totalElements")).longValue()).isEqualTo(1);
	}

	private static HttpResponse<String> sendPart(String upload, Session owner, byte[] content, int from, int to) {
		return send(bearer(get(upload).header("Content-Type", "application/offset+octet-stream")
			.header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + content.length)
			.PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(content, from, to))), owner.access()));
	}

	private static HttpResponse<byte[]> sendBytes(java.net.http.HttpRequest.Builder request) {
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] resource(String name) {
		try {
			return Files.readAllBytes(ROOT.resolve("services/media-service/src/test/resources/media/" + name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


}
