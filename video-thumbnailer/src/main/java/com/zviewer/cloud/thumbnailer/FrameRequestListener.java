package com.zviewer.cloud.thumbnailer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import com.zviewer.cloud.thumbnailer.VideoFrames.UnreadableVideoException;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.ExchangeTypes;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.Exchange;
import org.springframework.amqp.rabbit.annotation.Queue;
import org.springframework.amqp.rabbit.annotation.QueueBinding;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Answers media-service's requests for a frame of a video ({@code VideoFrameRequested}, JSON on the topic exchange
 * {@value #EXCHANGE} with routing key {@value #ROUTING_KEY}), one at a time per replica from one durable queue that all
 * replicas share: reads the video from an instance of media-service chosen through Eureka, decodes the frame, and puts
 * it back as a JPEG (any instance: media-service keeps the thumbnail's state in its database). Every path and the
 * ticket that opens them come in the request.
 * <p>
 * A video FFmpeg cannot decode is reported, and media-service marks its thumbnail FAILED. Any other failure (media-service
 * unreachable, a ticket no longer valid) drops the request: media-service asks again after its timeout, as long as
 * the thumbnail is still pending and attempts remain, so nothing is retried here. Each replica takes one request at
 * a time from RabbitMQ (prefetch 1, config-repo/video-thumbnailer.yml), so the others get the rest.
 */
@Component
class FrameRequestListener {

	static final String EXCHANGE = "zviewer.media";

	static final String ROUTING_KEY = "media.video-frame-requested";

	static final String QUEUE = "video-thumbnailer.frame-requests";

	static final String TICKET_HEADER = "Thumbnail-Ticket";

	private static final Logger logger = LoggerFactory.getLogger(FrameRequestListener.class);

	private final LoadBalancerClient loadBalancer;

	private final RestClient http;

	private final ThumbnailerProperties properties;

	private final MeterRegistry meters;

	FrameRequestListener(LoadBalancerClient loadBalancer, @LoadBalanced RestClient.Builder http, ThumbnailerProperties properties,
			MeterRegistry meters) {
		this.loadBalancer = loadBalancer;
		this.http = http.build();
		this.properties = properties;
		this.meters = meters;
	}

	@RabbitListener(bindings = @QueueBinding(value = @Queue(name = QUEUE, durable = "true"),
			exchange = @Exchange(name = EXCHANGE, type = ExchangeTypes.TOPIC, durable = "true"), key = ROUTING_KEY),
			concurrency = "1")
	void onFrameRequested(Message message) {
		FrameRequest request;
		try {
			request = JsonMapper.shared().readValue(message.getBody(), FrameRequest.class);
		}
		catch (JacksonException ex) {
			throw new AmqpRejectAndDontRequeueException("Not a VideoFrameRequested", ex);
		}
		Timer.Sample sample = Timer.start(this.meters);
		String outcome;
		if (message.getMessageProperties().isRedelivered()) {
			// The replica that had it went away while at it, perhaps killed by this very video (FFmpeg decoding a
			// hostile file): not decoded again here. media-service asks again after its timeout, so a video that
			// kills the thumbnailer every time does so at most max-attempts times and then ends FAILED.
			logger.warn("Request for a frame of video {} (attempt {}) was redelivered; dropped, media-service will "
					+ "ask again", request.mediaId(), request.attempt());
			outcome = "redelivered";
		}
		else {
			outcome = answer(request);
		}
		sample.stop(Timer.builder("zviewer.thumbnailer.frames")
			.description("Requests for a video frame answered, by outcome")
			.tag("outcome", outcome)
			.register(this.meters));
	}

	/** Answers a request; the outcome names what happened, for the metric. */
	private String answer(FrameRequest request) {
		ServiceInstance instance = this.loadBalancer.choose(request.service());
		if (instance == null) {
			logger.warn("No instance of {} to read video {} from; it will ask again", request.service(),
					request.mediaId());
			return "unavailable";
		}
		Map<String, String> ticket = Map.of(TICKET_HEADER, request.ticket());
		BufferedImage frame;
		try {
			frame = VideoFrames.frame(instance.getUri() + request.source(), ticket, position(request),
					this.properties.frameSize(), this.properties.readTimeout());
		}
		catch (UnreadableVideoException ex) {
			logger.info("No frame can be taken of video {}: {}", request.mediaId(), ex.getMessage());
			return put(request, request.failure(), MediaType.APPLICATION_JSON,
					Map.of("reason", abbreviate(ex.getMessage()))) ? "unreadable" : "failed";
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Video {} could not be read (attempt {}); media-service will ask again: {}",
					request.mediaId(), request.attempt(), ex.toString());
			return "failed";
		}
		try {
			return put(request, request.thumbnail(), MediaType.IMAGE_JPEG, jpeg(frame)) ? "made" : "failed";
		}
		catch (IOException ex) {
			logger.warn("The frame of video {} could not be encoded: {}", request.mediaId(), ex.toString());
			return "failed";
		}
	}

	/** A tenth into the video, at most {@code max-position}; 1 s in when the length is not known. */
	private Duration position(FrameRequest request) {
		if (request.durationMillis() == null) {
			return Duration.ofSeconds(1);
		}
		Duration tenth = Duration.ofMillis(request.durationMillis() / 10);
		return (tenth.compareTo(this.properties.maxPosition()) > 0) ? this.properties.maxPosition() : tenth;
	}

	private boolean put(FrameRequest request, String path, MediaType type, Object body) {
		try {
			ResponseEntity<Void> answer = this.http.put()
				.uri("http://" + request.service() + path)
				.header(TICKET_HEADER, request.ticket())
				.contentType(type)
				.body(body)
				.retrieve()
				.onStatus(HttpStatusCode::isError, (req, res) -> {
				})
				.toBodilessEntity();
			if (answer.getStatusCode().is2xxSuccessful()) {
				return true;
			}
			if (answer.getStatusCode() == HttpStatus.FORBIDDEN) {
				logger.info("Video {} no longer waits for this frame (answered already, or deleted)",
						request.mediaId());
			}
			else {
				logger.warn("media-service answered {} for the frame of video {}", answer.getStatusCode(),
						request.mediaId());
			}
		}
		catch (RestClientException ex) {
			logger.warn("The frame of video {} could not be delivered; media-service will ask again: {}",
					request.mediaId(), ex.toString());
		}
		return false;
	}

	/** media-service takes a reason of at most 500 characters. */
	private static String abbreviate(String reason) {
		return (reason.length() <= 500) ? reason : reason.substring(0, 497) + "...";
	}

	private static byte[] jpeg(BufferedImage image) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam quality = writer.getDefaultWriteParam();
			quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			quality.setCompressionQuality(0.9f);
			writer.write(null, new IIOImage(image, null, null), quality);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/** The parts of media-service's VideoFrameRequested this worker needs. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record FrameRequest(long mediaId, Long durationMillis, String service, String source, String thumbnail,
			String failure, String ticket, int attempt) {
	}

}
