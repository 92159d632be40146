package com.zviewer.cloud.comments;

import java.sql.Timestamp;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.ExchangeTypes;
import org.springframework.amqp.rabbit.annotation.Exchange;
import org.springframework.amqp.rabbit.annotation.Queue;
import org.springframework.amqp.rabbit.annotation.QueueBinding;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes the comments of a media item that media-service deleted: every one of them, whatever its status (deleted
 * ones too), with their reports. media-service announces each deletion on the topic exchange {@value #EXCHANGE}
 * (routing key {@value #ROUTING_KEY}) at least once; this service's own durable queue keeps the announcements while
 * every replica is down, and deleting what is already gone changes nothing, so a repeat is harmless. The item is also
 * remembered as deleted, under the exclusive lock of the item that a new comment takes shared, so that a comment
 * written while the deletion is applied is refused rather than left behind. A message that cannot be read is rejected
 * (and not requeued) rather than retried for ever.
 */
@Component
class MediaDeletedListener {

	static final String EXCHANGE = "zviewer.media";

	static final String ROUTING_KEY = "media.deleted";

	static final String QUEUE = "comments-service.media-deleted";

	private static final Log logger = LogFactory.getLog(MediaDeletedListener.class);

	private final JdbcClient jdbc;

	MediaDeletedListener(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@RabbitListener(bindings = @QueueBinding(value = @Queue(name = QUEUE, durable = "true"),
			exchange = @Exchange(name = EXCHANGE, type = ExchangeTypes.TOPIC, durable = "true"), key = ROUTING_KEY))
	@Transactional
	void onMediaDeleted(byte[] message) {
		MediaDeleted event;
		try {
			event = JsonMapper.shared().readValue(message, MediaDeleted.class);
		}
		catch (JacksonException ex) {
			throw new AmqpRejectAndDontRequeueException("Not a MediaDeleted announcement", ex);
		}
		this.jdbc.sql("SELECT pg_advisory_xact_lock(" + CommentService.MEDIA_LOCKS + ", hashint8(:media))")
			.param("media", event.mediaId())
			.query((row) -> {
			});
		this.jdbc
			.sql("INSERT INTO deleted_media (media_id, deleted_at) VALUES (:media, :now) ON CONFLICT DO NOTHING")
			.param("media", event.mediaId())
			.param("now", Timestamp.from(Instant.now()))
			.update();
		int removed = this.jdbc.sql("DELETE FROM comments WHERE media_id = :media")
			.param("media", event.mediaId())
			.update();
		logger.info("Media item " + event.mediaId() + " was deleted: removed its " + removed + " comment(s)");
	}

	/** The part of media-service's announcement this service needs. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record MediaDeleted(long mediaId) {
	}

}
