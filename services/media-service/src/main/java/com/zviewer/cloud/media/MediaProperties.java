package com.zviewer.cloud.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.zviewer.cloud.media.MediaItem.MediaStatus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of media-service, from config-repo/media-service.yml. A mutable bean, so that a change announced on the
 * bus rebinds it in place on every replica, with no restart: the limits, the quota, the initial moderation status and
 * the thumbnail settings apply to the next request. The storage settings and the intervals of the background jobs
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

	/** The largest file of any accepted type. */
	long maxFileSize() {
		return Math.max(this.maxImageSize.toBytes(), this.maxVideoSize.toBytes());
	}

	/** Where the files are. */
	public static class Storage {

		/**
		 * Where originals and thumbnails are kept (read at start): LOCAL, in {@link #directory}; S3, in a bucket of an
		 * S3-compatible object store.
		 */
		@NotNull
		private StorageType type = StorageType.LOCAL;

		/**
		 * Directory of the local storage, shared by every replica (a named volume); read at start. The parts of
		 * resumable uploads, files being received and multipart spooling stay within it whatever the type; with
		 * type LOCAL, originals and thumbnails too.
		 */
		@NotNull
		private Path directory = Path.of("/var/lib/zviewer/media");

		@Valid
		private final S3 s3 = new S3();

		public StorageType getType() {
			return this.type;
		}

		public void setType(StorageType type) {
			this.type = type;
		}

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

		public S3 getS3() {
			return this.s3;
		}

		@AssertTrue(message = "zviewer.media.storage.s3.bucket is required when the storage type is S3")
		public boolean isBucketSetForS3() {
			return this.type != StorageType.S3 || StringUtils.hasText(this.s3.getBucket());
		}

	}

	/** Kinds of storage for originals and thumbnails. */
	public enum StorageType {

		/** A directory that every replica mounts. */
		LOCAL,

		/** A bucket of an S3-compatible object store. */
		S3

	}

	/** The bucket of S3-compatible object storage, read at start. */
	public static class S3 {

		/**
		 * Endpoint of the object store, for example {@code http://minio:9000}; none for Amazon S3 itself, whose
		 * endpoint follows from the region.
		 */
		private URI endpoint;

		/** Region of the bucket (S3-compatible stores mostly accept any). */
		@NotNull
		private String region = "us-east-1";

		/** The bucket that holds originals and thumbnails. */
		private String bucket;

		/**
		 * Access key; with none, the SDK's default chain of credentials (environment, profile, container or instance
		 * role) is asked.
		 */
		private String accessKey;

		private String secretKey;

		/**
		 * Addresses the bucket in the path ({@code endpoint/bucket/key}) rather than in the host name
		 * ({@code bucket.endpoint/key}): what most S3-compatible stores need.
		 */
		private boolean pathStyleAccess = true;

		/** Creates the bucket at start if it does not exist (a development convenience; the store must allow it). */
		private boolean createBucket;

		public URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(URI endpoint) {
			this.endpoint = endpoint;
		}

		public String getRegion() {
			return this.region;
		}

		public void setRegion(String region) {
			this.region = region;
		}

		public String getBucket() {
			return this.bucket;
		}

		public void setBucket(String bucket) {
			this.bucket = bucket;
		}

		public String getAccessKey() {
			return this.accessKey;
		}

		public void setAccessKey(String accessKey) {
			this.accessKey = accessKey;
		}

		public String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(String secretKey) {
			this.secretKey = secretKey;
		}

		public boolean isPathStyleAccess() {
			return this.pathStyleAccess;
		}

		public void setPathStyleAccess(boolean pathStyleAccess) {
			this.pathStyleAccess = pathStyleAccess;
		}

		public boolean isCreateBucket() {
			return this.createBucket;
		}

		public void setCreateBucket(boolean createBucket) {
			this.createBucket = createBucket;
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

		/**
		 * Whether videos get a thumbnail: a frame, made by video-thumbnailer from an event. Without (no thumbnailer
		 * runs), new videos get thumbnail status UNSUPPORTED.
		 */
		private boolean videoFrames = true;

		/**
		 * How long video-thumbnailer has to answer a request for a frame before it is asked again (an attempt); a
		 * video whose frame did not come after {@code max-attempts} requests gets thumbnail status FAILED.
		 */
		@NotNull
		private Duration videoFrameTimeout = Duration.ofMinutes(2);

		/** Largest frame video-thumbnailer may return (413 beyond). */
		@NotNull
		private DataSize maxFrameSize = DataSize.ofMegabytes(20);

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

		public boolean isVideoFrames() {
			return this.videoFrames;
		}

		public void setVideoFrames(boolean videoFrames) {
			this.videoFrames = videoFrames;
		}

		public Duration getVideoFrameTimeout() {
			return this.videoFrameTimeout;
		}

		public void setVideoFrameTimeout(Duration videoFrameTimeout) {
			this.videoFrameTimeout = videoFrameTimeout;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

	}

}
