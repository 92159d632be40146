package com.zviewer.cloud.auth.albums;

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
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Takes media items that media-service deleted out of every album (and off its cover), from media-service's
 * {@code media.deleted} announcements on the topic exchange {@value #EXCHANGE}, through auth-service's own durable
 * queue. Announcements come at least once; removing an item that is gone already changes nothing.
 */
@Component
class MediaDeletedListener {

	static final String EXCHANGE = "zviewer.media";

	static final String ROUTING_KEY = "media.deleted";

	static final String QUEUE = "auth-service.media-deleted";

	private static final Log logger = LogFactory.getLog(MediaDeletedListener.class);

	private final AlbumRepository albums;

	MediaDeletedListener(AlbumRepository albums) {
		this.albums = albums;
	}

	@RabbitListener(bindings = @QueueBinding(value = @Queue(name = QUEUE, durable = "true"),
			exchange = @Exchange(name = EXCHANGE, type = ExchangeTypes.TOPIC, durable = "true"), key = ROUTING_KEY))
	void onMediaDeleted(byte[] message) {
		long mediaId;
		try {
			mediaId = JsonMapper.shared().readValue(message, MediaDeleted.class).mediaId();
		}
		catch (JacksonException ex) {
			throw new AmqpRejectAndDontRequeueException("Not a MediaDeleted announcement", ex);
		}
		for (long albumId : this.albums.findIdsContaining(mediaId)) {
			removeFrom(albumId, mediaId);
		}
	}

	/** Retried when the owner changes the album at the same moment (its version moved on). */
	private void removeFrom(long albumId, long mediaId) {
		for (int attempt = 1;; attempt++) {
			Album album = this.albums.findById(albumId).orElse(null);
			if (album == null || !album.contains(mediaId)) {
				return;
			}
			try {
				this.albums.save(album.withItemRemoved(mediaId));
				logger.info("Media item " + mediaId + " was deleted: taken out of album " + albumId);
				return;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/** The part of media-service's announcement this service needs. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record MediaDeleted(long mediaId) {
	}

}
