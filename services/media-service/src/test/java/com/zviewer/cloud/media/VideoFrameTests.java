package com.zviewer.cloud.media;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.media.MediaApi.id;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Video thumbnails as media-service sees them: each video's thumbnail is asked of video-thumbnailer with a
 * {@link VideoFrameRequested} event on RabbitMQ, and the ticket it carries opens the original and takes the frame, for
 * that video only and only while its thumbnail is pending. The thumbnailer's part is played here by the test.
 */
@MediaServiceTest
class VideoFrameTests extends MediaServiceTestSupport {

	static final String QUEUE = "test.video-frame-requested";

	@Autowired
	AmqpAdmin amqp;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	MediaProperties properties;

	RestClient http;

	@BeforeEach
	void setUp() {
		TopicExchange exchange = new TopicExchange(VideoFrameRequested.EXCHANGE, true, false);
		Queue queue = new Queue(QUEUE, true);
		this.amqp.declareExchange(exchange);
		this.amqp.declareQueue(queue);
		this.amqp.declareBinding(BindingBuilder.bind(queue).to(exchange).with(VideoFrameRequested.ROUTING_KEY));
		this.http = TestHttp.localhost(this.port);
	}

	@Test
	void asksForAFrameOfEachVideoAndStoresTheFrameReturnedWithTheTicket() {
		long owner = newUser();
		byte[] video = TestMedia.webm();
		Map<String, Object> item = this.api.uploaded(user(owner), video, "clip.webm", "Clip");
		assertThat(item).containsEntry("thumbnailStatus", "PENDING");
		Map<?, ?> request = receive(id(item), 1);
		String base = "/internal/media/" + id(item);
		assertThat(request.get("contentType")).isEqualTo("video/webm");
		assertThat(request.get("durationMillis")).isEqualTo(item.get("durationMillis"));
		assertThat(request.get("service")).isEqualTo("media-service");
		assertThat(request.get("source")).isEqualTo(base + "/frame-source");
		assertThat(request.get("thumbnail")).isEqualTo(base + "/thumbnail");
		assertThat(request.get("failure")).isEqualTo(base + "/thumbnail-failure");
		String ticket = (String) request.get("ticket");
		assertThat(ticket).hasSize(43);

		// The original, with seeking, for the ticket's holder only.
		ResponseEntity<byte[]> part = source(base, ticket, "bytes=100-199");
		assertThat(part.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(part.getBody()).isEqualTo(Arrays.copyOfRange(video, 100, 200));
		assertThat(source(base, ticket, null).getBody()).isEqualTo(video);
		assertThat(source(base, tampered(ticket), null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(source("/internal/media/987654321", ticket, null).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(this.http.get().uri(base + "/frame-source").retrieve().toEntity(JSON),
				HttpStatus.BAD_REQUEST, "no ticket");

		// A wrong ticket, a frame that is no image or of another type, a frame too large: refused, nothing changes.
		assertProblem(frame(base, tampered(ticket), MediaType.IMAGE_JPEG, TestMedia.jpeg(64, 48)),
				HttpStatus.FORBIDDEN, "wrong ticket");
		assertProblem(frame(base, ticket, MediaType.IMAGE_JPEG, "not a picture".getBytes(StandardCharsets.UTF_8)),
				HttpStatus.UNPROCESSABLE_CONTENT, "not an image");
		assertProblem(frame(base, ticket, MediaType.TEXT_PLAIN, TestMedia.jpeg(64, 48)),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "text");
		this.properties.getThumbnails().setMaxFrameSize(org.springframework.util.unit.DataSize.ofBytes(100));
		try {
			assertProblem(frame(base, ticket, MediaType.IMAGE_JPEG, TestMedia.jpeg(640, 480)),
					HttpStatus.CONTENT_TOO_LARGE, "too large");
		}
		finally {
			this.properties.getThumbnails().setMaxFrameSize(org.springframework.util.unit.DataSize.ofMegabytes(20));
		}
		assertThat(this.api.get(user(owner), "/api/media/" + id(item)).getBody())
			.containsEntry("thumbnailStatus", "PENDING");

		// The frame becomes the thumbnail, made here like an image's; the ticket is then spent.
		assertThat(frame(base, ticket, MediaType.IMAGE_JPEG, TestMedia.jpeg(640, 480)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		Map<String, Object> done = this.api.get(user(owner), "/api/media/" + id(item)).getBody();
		assertThat(done).containsEntry("thumbnailStatus", "READY");
		BufferedImage thumbnail = TestMedia
			.read(this.api.bytes(user(owner), (String) done.get("thumbnailUrl"), new HttpHeaders()).getBody());
		assertThat(thumbnail.getWidth()).isEqualTo(320);
		assertThat(thumbnail.getHeight()).isEqualTo(240);
		assertThat(source(base, ticket, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(frame(base, ticket, MediaType.IMAGE_JPEG, TestMedia.jpeg(64, 48)), HttpStatus.FORBIDDEN,
				"a second frame");
	}

	@Test
	void asksAgainWithTheSameTicketWhenNoFrameComesAndAFailureReportEndsIt() {
		this.properties.getThumbnails().setVideoFrameTimeout(Duration.ofSeconds(1));
		// Enough attempts that the service does not give up by itself (about 3 s with 3) before the report below.
		this.properties.getThumbnails().setMaxAttempts(20);
		try {
			long owner = newUser();
			Map<String, Object> item = this.api.uploaded(user(owner), TestMedia.mp4(), "clip.mp4", "Clip");
			String ticket = (String) receive(id(item), 1).get("ticket");
			assertThat(receive(id(item), 2).get("ticket")).isEqualTo(ticket);
			String base = "/internal/media/" + id(item);
			assertProblem(failure(base, ticket, "{\"reason\":\"\"}"), HttpStatus.BAD_REQUEST, "no reason");
			assertThat(failure(base, ticket, "{\"reason\":\"Invalid data found when processing input\"}")
				.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(this.api.get(user(owner), "/api/media/" + id(item)).getBody())
				.containsEntry("thumbnailStatus", "FAILED");
			assertThat(source(base, ticket, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		}
		finally {
			this.properties.getThumbnails().setVideoFrameTimeout(Duration.ofMinutes(2));
			this.properties.getThumbnails().setMaxAttempts(3);
		}
	}

	@Test
	void withVideoFramesOffVideosGetNoThumbnailAndSayWhy() {
		this.properties.getThumbnails().setVideoFrames(false);
		try {
			long owner = newUser();
			Map<String, Object> item = this.api.uploaded(user(owner), TestMedia.webm(), "clip.webm", "Clip");
			String uri = "/api/media/" + id(item);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> "UNSUPPORTED".equals(this.api.get(user(owner), uri).getBody().get("thumbnailStatus")));
			ResponseEntity<Map<String, Object>> none = this.api.get(user(owner), uri + "/thumbnail");
			assertProblem(none, HttpStatus.NOT_FOUND, "video thumbnail");
			assertThat((String) none.getBody().get("detail")).contains("UNSUPPORTED");
		}
		finally {
			this.properties.getThumbnails().setVideoFrames(true);
		}
	}

	/** The ticket with its first character changed (to one it surely did not have). */
	private static String tampered(String ticket) {
		return ((ticket.charAt(0) == 'x') ? "y" : "x") + ticket.substring(1);
	}

	private ResponseEntity<byte[]> source(String base, String ticket, String range) {
		return this.http.get()
			.uri(base + "/frame-source")
			.headers((headers) -> {
				headers.set(VideoFrameController.TICKET_HEADER, ticket);
				if (range != null) {
					headers.set(HttpHeaders.RANGE, range);
				}
			})
			.retrieve()
			.toEntity(byte[].class);
	}

	private ResponseEntity<Map<String, Object>> frame(String base, String ticket, MediaType type, byte[] image) {
		return this.http.put()
			.uri(base + "/thumbnail")
			.header(VideoFrameController.TICKET_HEADER, ticket)
			.contentType(type)
			.body(image)
			.retrieve()
			.toEntity(JSON);
	}

	private ResponseEntity<Map<String, Object>> failure(String base, String ticket, String json) {
		return this.http.put()
			.uri(base + "/thumbnail-failure")
			.header(VideoFrameController.TICKET_HEADER, ticket)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(JSON);
	}

	/** Waits for the request of this attempt for the video, skipping those of other videos and attempts. */
	private Map<?, ?> receive(long mediaId, int attempt) {
		Message found = await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message message = this.rabbit.receive(QUEUE, 1000);
			if (message == null) {
				return null;
			}
			Map<?, ?> event = JsonMapper.shared().readValue(message.getBody(), Map.class);
			return (((Number) event.get("mediaId")).longValue() == mediaId
					&& ((Number) event.get("attempt")).intValue() == attempt) ? message : null;
		}, (message) -> message != null);
		assertThat(found.getMessageProperties().getReceivedRoutingKey()).isEqualTo("media.video-frame-requested");
		return JsonMapper.shared().readValue(found.getBody(), Map.class);
	}

}
