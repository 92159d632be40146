package com.zviewer.cloud.media;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.zviewer.cloud.media.MediaItem.MediaStatus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of media-service, from config-repo/media-service.yml. A mutable bean, so that a change announced on the
 * bus rebinds it in place on every replica, with no restart: the limits, the quota, the initial moderation status and
 * the thumbnail settings apply to the next request. The storage directory and the intervals of the background jobs
 * are read once, at start.
 */
@Validated
@ConfigurationProperties("zviewer.media")
public class MediaProperties {

	/** Longest title accepted, in characters; at most 200, the size of the column. */
	@Min(1)
	@Max(200)
	private int maxTitleLength = 200;

	/** Largest image accepted (jpeg, png, webp, gif). */
	@NotNull
	private DataSize maxImageSize = DataSize.ofMegabytes(100);

	/**
	 * Largest video accepted (mp4, webm). Multipart uploads are also bounded by spring.servlet.multipart.max-file-size,
	 * read at start, which must stay at least this large.
	 */
	@NotNull
	private DataSize maxVideoSize = DataSize.ofMegabytes(500);

	/** Space each user may fill with originals, counting resumable uploads in progress at their announced size. */
	@NotNull
	private DataSize quota = DataSize.ofGigabytes(1);

	@Valid
	private final Storage storage = new Storage();

	@Valid
	private final Moderation moderation = new Moderation();

	@Valid
	private final Uploads uploads = new Uploads();

	@Valid
	private final Thumbnails thumbnails = new Thumbnails();

	@Valid
	private final Events events = new Events();

	public int getMaxTitleLength() {
		return this.maxTitleLength;
	}

	public void setMaxTitleLength(int maxTitleLength) {
		this.maxTitleLength = maxTitleLength;
	}

	public DataSize getMaxImageSize() {
		return this.maxImageSize;
	}

	public void setMaxImageSize(DataSize maxImageSize) {
		this.maxImageSize = maxImageSize;
	}

	public DataSize getMaxVideoSize() {
		return this.maxVideoSize;
	}

	public void setMaxVideoSize(DataSize maxVideoSize) {
		this.maxVideoSize = maxVideoSize;
	}

	public DataSize getQuota() {
		return this.quota;
	}

	public void setQuota(DataSize quota) {
		this.quota = quota;
	}

	public Storage getStorage() {
		return this.storage;
	}

	public Moderation getModeration() {
		return this.moderation;
	}

	public Uploads getUploads() {
		return this.uploads;
	}

	public Thumbnails getThumbnails() {
		return this.thumbnails;
	}

	public Events getEvents() {
		return this.events;
	}

	/** The largest file of any accepted type. */
	long maxFileSize() {
		return Math.max(this.maxImageSize.toBytes(), this.maxVideoSize.toBytes());
	}

	/** Where the files are. */
	public static class Storage {

		/**
		 * Directory of the local storage, shared by every replica (a named volume); read at start. Originals,
		 * thumbnails, the parts of resumable uploads and multipart spooling all stay within it.
		 */
		@NotNull
		private Path directory = Path.of("/var/lib/zviewer/media");

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

	}

	/** How new media is moderated. */
	public static class Moderation {

		/** Status of a new upload: PENDING (hidden from others until approved) or APPROVED (visible at once). */
		@NotNull
		private MediaStatus initialStatus = MediaStatus.PENDING;

		public MediaStatus getInitialStatus() {
			return this.initialStatus;
		}

		public void setInitialStatus(MediaStatus initialStatus) {
			this.initialStatus = initialStatus;
		}

		@AssertTrue(message = "must be PENDING or APPROVED")
		public boolean isInitialStatusValid() {
			return this.initialStatus != MediaStatus.REJECTED;
		}

	}

	/** Resumable uploads. */
	public static class Uploads {

		/** How long an upload session stays open after its last part; then its part file is deleted. */
		@NotNull
		private Duration expiry = Duration.ofHours(24);

		public Duration getExpiry() {
			return this.expiry;
		}

		public void setExpiry(Duration expiry) {
			this.expiry = expiry;
		}

	}

	/** Thumbnails of images, made in the background. */
	public static class Thumbnails {

		/** Longest side of a thumbnail, in pixels. */
		@Min(16)
		@Max(2048)
		private int size = 320;

		/**
		 * Largest image (width times height) a thumbnail is made of: decoding is subsampled, but a larger image would
		 * still cost too much time and, for progressive JPEG, native memory. Larger ones get thumbnail status FAILED.
		 */
		@Min(1)
		private long maxPixels = 50_000_000;

		/** Attempts before a thumbnail is given up as FAILED (an attempt cut short by a crash counts too). */
		@Min(1)
		private int maxAttempts = 3;

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		public long getMaxPixels() {
			return this.maxPixels;
		}

		public void setMaxPixels(long maxPixels) {
			this.maxPixels = maxPixels;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/** Events announced on RabbitMQ through the outbox. */
	public static class Events {

		/** Longest wait between two attempts to publish an event while RabbitMQ cannot be reached. */
		@NotNull
		private Duration maxRetryDelay = Duration.ofMinutes(1);

		public Duration getMaxRetryDelay() {
			return this.maxRetryDelay;
		}

		public void setMaxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = maxRetryDelay;
		}

	}

}
