package com.zviewer.cloud.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zviewer.cloud.media.Images.Thumbnail;
import com.zviewer.cloud.media.Images.UnusableImageException;
import com.zviewer.cloud.media.MediaStorage.StagedFile;

import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the thumbnails of images in the background, one at a time per replica (decoding is the costly part, and
 * memory is small): every replica polls for items whose thumbnail is PENDING and claims one with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas share the work and an item whose replica died is taken up
 * again when the lease ends. Each claim counts as an attempt, so an image that crashes the worker every time ends
 * FAILED after {@code zviewer.media.thumbnails.max-attempts} instead of forever. A new upload wakes the worker up at
 * once. Videos get no thumbnail here (status UNSUPPORTED): frames need ffmpeg.
 */
@Component
class ThumbnailWorker {

	private static final Logger logger = LoggerFactory.getLogger(ThumbnailWorker.class);

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final MediaStorage storage;

	private final MediaProperties properties;

	private final ReentrantLock working = new ReentrantLock();

	ThumbnailWorker(JdbcClient jdbc, MediaStorage storage, MediaProperties properties) {
		this.jdbc = jdbc;
		this.storage = storage;
		this.properties = properties;
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
				RETURNING id, storage_key, content_type, thumbnail_attempts
				""")
			.param("lease", LEASE.toSeconds())
			.query((row, number) -> new Claim(row.getLong("id"), row.getString("storage_key"),
					row.getString("content_type"), row.getInt("thumbnail_attempts")))
			.optional();
	}

	private void process(Claim claim) {
		MediaProperties.Thumbnails settings = this.properties.getThumbnails();
		if (claim.attempts() > settings.getMaxAttempts()) {
			failed(claim, "gave up after " + settings.getMaxAttempts() + " attempts");
			return;
		}
		Optional<Resource> original = this.storage.find(claim.storageKey());
		MediaFormat format = formatOf(claim.contentType());
		if (original.isEmpty() || format == null) {
			failed(claim, "no original file of a known image type");
			return;
		}
		try {
			Thumbnail thumbnail = thumbnail(original.get(), format, settings);
			store(claim, thumbnail);
		}
		catch (UnusableImageException ex) {
			failed(claim, ex.getMessage());
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

	/** Stores the thumbnail beside the original and marks it READY, unless the item was deleted meanwhile. */
	private void store(Claim claim, Thumbnail thumbnail) throws IOException {
		String key = MediaItem.thumbnailKey(claim.storageKey());
		try (StagedFile staged = this.storage.stage(new ByteArrayInputStream(thumbnail.bytes()), Long.MAX_VALUE)) {
			staged.commit(key);
			int updated = this.jdbc.sql("""
					UPDATE media_items
					SET thumbnail_status = 'READY', thumbnail_content_type = :type, thumbnail_size = :size,
					    thumbnail_hash = :hash, thumbnail_created_at = now(), thumbnail_claimed_until = NULL
					WHERE id = :id AND thumbnail_status = 'PENDING'
					""")
				.param("type", thumbnail.contentType())
				.param("size", staged.size())
				.param("hash", staged.sha256())
				.param("id", claim.id())
				.update();
			if (updated == 0) {
				this.storage.delete(key);
			}
		}
		logger.debug("Thumbnail of media item {} made", claim.id());
	}

	private void failed(Claim claim, String reason) {
		logger.info("No thumbnail for media item {}: {}", claim.id(), reason);
		this.jdbc.sql("UPDATE media_items SET thumbnail_status = 'FAILED', thumbnail_claimed_until = NULL "
				+ "WHERE id = :id AND thumbnail_status = 'PENDING'")
			.param("id", claim.id())
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

	private record Claim(long id, String storageKey, String contentType, int attempts) {
	}

}
