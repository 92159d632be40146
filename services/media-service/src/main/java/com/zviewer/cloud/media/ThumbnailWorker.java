package com.zviewer.cloud.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zviewer.cloud.media.Images.Thumbnail;
import com.zviewer.cloud.media.Images.UnusableImageException;
import com.zviewer.cloud.media.MediaItem.MediaType;
import com.zviewer.cloud.media.MediaStorage.StagedFile;
import com.zviewer.cloud.starter.outbox.Outbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the thumbnails of images in the background, one at a time per replica (decoding is the costly part, and
 * memory is small): every replica polls for items whose thumbnail is PENDING and claims one with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas share the work and an item whose replica died is taken up
 * again when the lease ends. Each claim counts as an attempt, so an image that crashes the worker every time ends
 * FAILED after {@code zviewer.media.thumbnails.max-attempts} instead of forever. A new upload wakes the worker up at
 * once.
 * <p>
 * A video's thumbnail is a frame, which needs ffmpeg, and ffmpeg is not in this service's image: for a video the claim
 * puts a {@link VideoFrameRequested} event in the outbox (in one transaction with the ticket it carries) and holds
 * the item for {@code video-frame-timeout}; video-thumbnailer answers through {@link VideoFrameController}. An
 * unanswered request counts as a failed attempt like any other, so the request is sent again after the timeout and
 * the video ends FAILED after {@code max-attempts}.
 */
@Component
class ThumbnailWorker {

	private static final Logger logger = LoggerFactory.getLogger(ThumbnailWorker.class);

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final MediaStorage storage;

	private final MediaProperties properties;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final String applicationName;

	private final SecureRandom random = new SecureRandom();

	private final ReentrantLock working = new ReentrantLock();

	ThumbnailWorker(JdbcClient jdbc, MediaStorage storage, MediaProperties properties,
			TransactionTemplate transactions, Outbox outbox, @Value("${spring.application.name}") String applicationName) {
		this.jdbc = jdbc;
		this.storage = storage;
		this.properties = properties;
		this.transactions = transactions;
		this.outbox = outbox;
		this.applicationName = applicationName;
	}

	/** Looks for work now, in the background; called after an upload has committed. */
	void wakeUp() {
		Thread.ofVirtual().name("thumbnail-worker").start(this::work);
	}

	/** Makes thumbnails until none is pending, unless another thread of this replica is already at it. */
	@Scheduled(fixedDelayString = "${zviewer.media.thumbnails.poll-interval:PT2S}",
			initialDelayString = "${zviewer.media.thumbnails.poll-interval:PT2S}")
	void work() {
		if (!this.working.tryLock()) {
			return;
		}
		try {
			Optional<Claim> claim = claim();
			while (claim.isPresent()) {
				process(claim.get());
				claim = claim();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Thumbnail worker interrupted, will try again: {}", ex.toString());
		}
		finally {
			this.working.unlock();
		}
	}

	private Optional<Claim> claim() {
		return this.jdbc.sql("""
				UPDATE media_items
				SET thumbnail_attempts = thumbnail_attempts + 1,
				    thumbnail_claimed_until = now() + make_interval(secs => :lease)
				WHERE id = (SELECT id FROM media_items
				            WHERE thumbnail_status = 'PENDING'
				              AND (thumbnail_claimed_until IS NULL OR thumbnail_claimed_until < now())
				            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING id, media_type, storage_key, content_type, duration_millis, thumbnail_attempts
				""")
			.param("lease", LEASE.toSeconds())
			.query((row, number) -> new Claim(row.getLong("id"), MediaType.valueOf(row.getString("media_type")),
					row.getString("storage_key"), row.getString("content_type"),
					(Long) row.getObject("duration_millis", Long.class), row.getInt("thumbnail_attempts")))
			.optional();
	}

	private void process(Claim claim) {
		MediaProperties.Thumbnails settings = this.properties.getThumbnails();
		if (claim.attempts() > settings.getMaxAttempts()) {
			failed(claim.id(), "gave up after " + settings.getMaxAttempts() + " attempts");
			return;
		}
		if (claim.mediaType() == MediaType.VIDEO) {
			requestFrame(claim, settings);
			return;
		}
		Optional<Resource> original = this.storage.find(claim.storageKey());
		MediaFormat format = formatOf(claim.contentType());
		if (original.isEmpty() || format == null) {
			failed(claim.id(), "no original file of a known image type");
			return;
		}
		try {
			Thumbnail thumbnail = thumbnail(original.get(), format, settings);
			store(claim.id(), claim.storageKey(), thumbnail);
		}
		catch (UnusableImageException ex) {
			failed(claim.id(), ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Thumbnail of media item {} failed (attempt {}), will try again: {}", claim.id(),
					claim.attempts(), ex.toString());
			this.jdbc.sql("UPDATE media_items SET thumbnail_claimed_until = now() + make_interval(secs => :delay) "
					+ "WHERE id = :id")
				.param("delay", 30 * claim.attempts())
				.param("id", claim.id())
				.update();
		}
	}

	/**
	 * Decodes a file of the storage directly; an object of an object store is first copied to the staging area (and
	 * deleted after), as ImageIO would otherwise cache what it reads of a stream in memory.
	 */
	private Thumbnail thumbnail(Resource original, MediaFormat format, MediaProperties.Thumbnails settings)
			throws IOException {
		if (original.isFile()) {
			return Images.thumbnail(original, format, settings.getSize(), settings.getMaxPixels());
		}
		try (InputStream in = original.getInputStream(); StagedFile copy = this.storage.stage(in, Long.MAX_VALUE)) {
			return Images.thumbnail(copy.resource(), format, settings.getSize(), settings.getMaxPixels());
		}
	}

	/**
	 * Asks video-thumbnailer for a frame: the item gets a ticket (the one it has, if an earlier request timed out) and
	 * the event goes in the outbox, in one transaction; the claim then holds for the frame timeout.
	 */
	private void requestFrame(Claim claim, MediaProperties.Thumbnails settings) {
		if (!settings.isVideoFrames()) {
			this.jdbc.sql("UPDATE media_items SET thumbnail_status = 'UNSUPPORTED', thumbnail_claimed_until = NULL "
					+ "WHERE id = :id AND thumbnail_status = 'PENDING'")
				.param("id", claim.id())
				.update();
			return;
		}
		this.transactions.executeWithoutResult((transaction) -> this.jdbc.sql("""
				UPDATE media_items
				SET thumbnail_ticket = COALESCE(thumbnail_ticket, :ticket),
				    thumbnail_claimed_until = now() + make_interval(secs => :timeout)
				WHERE id = :id AND thumbnail_status = 'PENDING'
				RETURNING thumbnail_ticket
				""")
			.param("ticket", newTicket())
			.param("timeout", settings.getVideoFrameTimeout().toSeconds())
			.param("id", claim.id())
			.query(String.class)
			.optional()
			.ifPresent((ticket) -> this.outbox.add(VideoFrameRequested.EXCHANGE, VideoFrameRequested.ROUTING_KEY,
					VideoFrameRequested.of(claim.id(), claim.contentType(), claim.durationMillis(),
							this.applicationName, ticket, claim.attempts()))));
		logger.debug("Frame of video {} requested (attempt {})", claim.id(), claim.attempts());
	}

	/** 256 random bits, URL-safe. */
	private String newTicket() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Stores the thumbnail beside the original and marks it READY, unless it is no longer pending (the item was
	 * deleted meanwhile, or a repeated request was answered first).
	 * @return whether it was stored
	 */
	boolean store(long id, String storageKey, Thumbnail thumbnail) throws IOException {
		String key = MediaItem.thumbnailKey(storageKey);
		int updated;
		try (StagedFile staged = this.storage.stage(new ByteArrayInputStream(thumbnail.bytes()), Long.MAX_VALUE)) {
			staged.commit(key);
			updated = this.jdbc.sql("""
					UPDATE media_items
					SET thumbnail_status = 'READY', thumbnail_content_type = :type, thumbnail_size = :size,
					    thumbnail_hash = :hash, thumbnail_created_at = now(), thumbnail_claimed_until = NULL,
					    thumbnail_ticket = NULL
					WHERE id = :id AND thumbnail_status = 'PENDING'
					""")
				.param("type", thumbnail.contentType())
				.param("size", staged.size())
				.param("hash", staged.sha256())
				.param("id", id)
				.update();
			if (updated == 0) {
				this.storage.delete(key);
			}
		}
		logger.debug("Thumbnail of media item {} made", id);
		return updated == 1;
	}

	/** Gives the thumbnail up (status FAILED) while it is pending. */
	void failed(long id, String reason) {
		logger.info("No thumbnail for media item {}: {}", id, reason);
		this.jdbc.sql("UPDATE media_items SET thumbnail_status = 'FAILED', thumbnail_claimed_until = NULL, "
				+ "thumbnail_ticket = NULL WHERE id = :id AND thumbnail_status = 'PENDING'")
			.param("id", id)
			.update();
	}

	private static MediaFormat formatOf(String contentType) {
		for (MediaFormat format : MediaFormat.values()) {
			if (format.contentType().equals(contentType)) {
				return format;
			}
		}
		return null;
	}

	private record Claim(long id, MediaType mediaType, String storageKey, String contentType, Long durationMillis,
			int attempts) {
	}

}
