package com.zviewer.cloud.thumbnailer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.zviewer.cloud.thumbnailer.VideoFrames.UnreadableVideoException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Frames decoded by the real FFmpeg libraries from media-service's test clips (64 x 48 pixels, 2 s: an MP4 with its
 * index first and one with its index at the end, and a WebM), from files and over HTTP with Range
 * requests, the way media-service serves them.
 */
class VideoFramesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	static Path files;

	HttpServer server;

	final List<String> ranges = new CopyOnWriteArrayList<>();

	/** media-service's test clips. */
	private static final Path CLIPS = Path.of(System.getProperty("zviewer.root", ".."))
		.resolve("services/media-service/src/test/resources/media");

	@BeforeAll
	static void copyClips() throws IOException {
		for (String name : List.of("clip.mp4", "clip-moov-at-end.mp4", "clip.webm")) {
			Files.copy(CLIPS.resolve(name), files.resolve(name));
		}
		VideoFrames.configureNativeLibraries();
	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::serve);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "clip.mp4", "clip-moov-at-end.mp4", "clip.webm" })
	void decodesAFrameOfAFile(String name) throws IOException {
		BufferedImage frame = VideoFrames.frame(files.resolve(name).toString(), Map.of(), Duration.ofMillis(200),
				640, TIMEOUT);
		assertThat(frame.getWidth()).isEqualTo(64);
		assertThat(frame.getHeight()).isEqualTo(48);
		assertThat(distinctColours(frame)).isGreaterThan(1);
	}

	@Test
	void scalesDownToTheLargestSizeKeepingTheShape() throws IOException {
		BufferedImage frame = VideoFrames.frame(files.resolve("clip.mp4").toString(), Map.of(), Duration.ZERO, 32,
				TIMEOUT);
		assertThat(frame.getWidth()).isEqualTo(32);
		assertThat(frame.getHeight()).isEqualTo(24);
	}

	@Test
	void takesTheLastFrameOfAVideoShorterThanThePosition() throws IOException {
		BufferedImage frame = VideoFrames.frame(files.resolve("clip.webm").toString(), Map.of(),
				Duration.ofMinutes(5), 640, TIMEOUT);
		assertThat(frame.getWidth()).isEqualTo(64);
	}

	@Test
	void readsOverHttpWithTheHeadersAndRangeRequests() throws IOException {
		BufferedImage frame = VideoFrames.frame(url("clip-moov-at-end.mp4"), Map.of("Thumbnail-Ticket", "secret"),
				Duration.ofSeconds(1), 640, TIMEOUT);
		assertThat(frame.getWidth()).isEqualTo(64);
		// FFmpeg asks with Range requests, so it can seek (here the whole small clip comes in the first answer).
		assertThat(this.ranges).isNotEmpty().allMatch((range) -> range.startsWith("bytes="));
	}

	@Test
	void aRefusedRequestIsAnErrorToTryAgainNotAnUnreadableVideo() {
		assertThatIOException()
			.isThrownBy(() -> VideoFrames.frame(url("clip.mp4"), Map.of("Thumbnail-Ticket", "wrong"), Duration.ZERO,
					640, TIMEOUT))
			.isNotInstanceOf(UnreadableVideoException.class)
			.withMessageContaining("403");
	}

	@Test
	void contentThatIsNoVideoIsUnreadable() throws IOException {
		Path text = files.resolve("notes.mp4");
		Files.writeString(text, "these are not the frames you are looking for ".repeat(100));
		assertThatExceptionOfType(UnreadableVideoException.class)
			.isThrownBy(() -> VideoFrames.frame(text.toString(), Map.of(), Duration.ZERO, 640, TIMEOUT))
			.withMessage("Could not open the video: Invalid data found when processing input");
		Path truncated = files.resolve("truncated.mp4");
		Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(files.resolve("clip-moov-at-end.mp4")), 600));
		assertThatExceptionOfType(UnreadableVideoException.class)
			.isThrownBy(() -> VideoFrames.frame(truncated.toString(), Map.of(), Duration.ZERO, 640, TIMEOUT));
	}

	private String url(String name) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + name;
	}

	/** Serves the clips with single Range requests, to those who carry the right ticket. */
	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"secret".equals(exchange.getRequestHeaders().getFirst("Thumbnail-Ticket"))) {
				exchange.sendResponseHeaders(403, -1);
				return;
			}
			byte[] content = Files.readAllBytes(files.resolve(exchange.getRequestURI().getPath().substring(1)));
			exchange.getResponseHeaders().set("Content-Type", "video/mp4");
			exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
			String range = exchange.getRequestHeaders().getFirst("Range");
			int start = 0;
			int end = content.length - 1;
			int status = 200;
			if (range != null) {
				this.ranges.add(range);
				Matcher matcher = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
				if (matcher.matches()) {
					start = Integer.parseInt(matcher.group(1));
					end = matcher.group(2).isEmpty() ? end : Math.min(end, Integer.parseInt(matcher.group(2)));
					status = 206;
					exchange.getResponseHeaders()
						.set("Content-Range", "bytes " + start + "-" + end + "/" + content.length);
				}
			}
			exchange.sendResponseHeaders(status, end - start + 1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(content, start, end - start + 1);
			}
		}
	}

	private static long distinctColours(BufferedImage image) {
		java.util.Set<Integer> colours = new java.util.HashSet<>();
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				colours.add(image.getRGB(x, y));
			}
		}
		return colours.size();
	}

}
