package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@link MediaStorage} in a bucket of S3-compatible object storage ({@code zviewer.media.storage.type=s3}): originals
 * and thumbnails are objects under their keys. What arrives is still received on the shared volume first, in a
 * {@link LocalMediaStorage}: an upload is staged there (hashed, its type and header read) and the parts of a resumable
 * upload are appended there under their file locks, so that a dropped connection resumes on any replica and a restart
 * loses nothing. Only a complete, accepted file goes to the bucket, as one PutObject of known length streamed from the
 * staged file (never held in memory); the staged file is deleted afterwards, a part file once its upload has become a
 * media item. Reading is a HeadObject for the length, then a GetObject from the first byte asked for, so that Spring
 * MVC's Range requests (which skip to a range's start) fetch only from there.
 */
class S3MediaStorage implements MediaStorage {

	private static final Logger logger = LoggerFactory.getLogger(S3MediaStorage.class);

	private final S3Client s3;

	private final String bucket;

	private final boolean createBucket;

	private final LocalMediaStorage local;

	private volatile boolean bucketReady;

	S3MediaStorage(S3Client s3, MediaProperties.S3 properties, LocalMediaStorage local) {
		this.s3 = s3;
		this.bucket = properties.getBucket();
		this.createBucket = properties.isCreateBucket();
		this.local = local;
	}

	/**
	 * Makes the local directories and checks the bucket (creating it if so configured). Neither failing is fatal:
	 * what is stored can still be listed, and uploads answer 503 until both work.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void prepare() {
		this.local.createDirectories();
		try {
			checkBucket();
			logger.info("Media storage in bucket {}, receiving in {}", this.bucket, this.local.root());
		}
		catch (SdkException ex) {
			logger.error("Bucket {} cannot be used: uploads will be refused until it can ({})", this.bucket,
					ex.toString());
		}
	}

	private void checkBucket() {
		if (this.bucketReady) {
			return;
		}
		try {
			this.s3.headBucket((request) -> request.bucket(this.bucket));
		}
		catch (NoSuchBucketException ex) {
			if (!this.createBucket) {
				throw ex;
			}
			this.s3.createBucket((request) -> request.bucket(this.bucket));
			logger.info("Created bucket {}", this.bucket);
		}
		this.bucketReady = true;
	}

	@Override
	public void checkWritable() {
		this.local.checkWritable();
		try {
			checkBucket();
		}
		catch (SdkException ex) {
			throw unavailable(ex);
		}
	}

	@Override
	public StagedFile stage(InputStream content, long maxBytes) throws IOException {
		return new S3StagedFile(this.local.stage(content, maxBytes));
	}

	@Override
	public Optional<Resource> find(String key) {
		LocalMediaStorage.checkKey(key);
		try {
			HeadObjectResponse head = this.s3.headObject((request) -> request.bucket(this.bucket).key(key));
			return Optional.of(new S3ObjectResource(key, head.contentLength(), head.lastModified()));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == HttpStatus.NOT_FOUND.value()) {
				return Optional.empty();
			}
			throw unavailable(ex);
		}
		catch (SdkException ex) {
			throw unavailable(ex);
		}
	}

	@Override
	public void delete(String key) throws IOException {
		LocalMediaStorage.checkKey(key);
		try {
			this.s3.deleteObject((request) -> request.bucket(this.bucket).key(key));
		}
		catch (SdkException ex) {
			throw new IOException("Could not delete " + key + " from bucket " + this.bucket, ex);
		}
	}

	@Override
	public UploadPart openPart(UUID uploadId) throws IOException {
		return this.local.openPart(uploadId);
	}

	@Override
	public StagedFile stagePart(UUID uploadId) throws IOException {
		return new S3StagedFile(this.local.stagePart(uploadId));
	}

	@Override
	public void deletePart(UUID uploadId) throws IOException {
		this.local.deletePart(uploadId);
	}

	@Override
	public int deleteStaleStagedFiles(Duration age) throws IOException {
		return this.local.deleteStaleStagedFiles(age);
	}

	/** Where uploads are received, on the shared volume. */
	LocalMediaStorage local() {
		return this.local;
	}

	String bucket() {
		return this.bucket;
	}

	private static ResponseStatusException unavailable(SdkException ex) {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
				"The media storage cannot be reached at the moment", ex);
	}

	/** Content staged on the shared volume; committing it uploads it to the bucket. */
	private final class S3StagedFile implements StagedFile {

		private final StagedFile staged;

		S3StagedFile(StagedFile staged) {
			this.staged = staged;
		}

		@Override
		public long size() {
			return this.staged.size();
		}

		@Override
		public String sha256() {
			return this.staged.sha256();
		}

		@Override
		public Resource resource() {
			return this.staged.resource();
		}

		/**
		 * Uploads the staged file as the object of the key, streamed from disk with its length known. S3 makes an
		 * object visible only once all of it has arrived; uploading again (a completion done twice) replaces it with
		 * the same content.
		 */
		@Override
		public void commit(String key) throws IOException {
			LocalMediaStorage.checkKey(key);
			try {
				S3MediaStorage.this.s3.putObject((request) -> request.bucket(S3MediaStorage.this.bucket)
					.key(key)
					.contentLength(this.staged.size()), RequestBody.fromFile(this.staged.resource().getFile()));
			}
			catch (SdkException ex) {
				throw unavailable(ex);
			}
		}

		/** Deletes the staged file (uploaded or not); a resumable upload's part file stays until deleted. */
		@Override
		public void close() {
			this.staged.close();
		}

	}

	/**
	 * An object of the bucket as a {@link Resource} of known length, read lazily: the object is requested only at the
	 * first read, from the position skipped to until then.
	 */
	final class S3ObjectResource extends AbstractResource {

		private final String key;

		private final long length;

		private final Instant lastModified;

		S3ObjectResource(String key, long length, Instant lastModified) {
			this.key = key;
			this.length = length;
			this.lastModified = lastModified;
		}

		@Override
		public boolean exists() {
			return true;
		}

		@Override
		public long contentLength() {
			return this.length;
		}

		@Override
		public long lastModified() {
			return (this.lastModified != null) ? this.lastModified.toEpochMilli() : 0;
		}

		@Override
		public String getFilename() {
			return this.key.substring(this.key.lastIndexOf('/') + 1);
		}

		@Override
		public String getDescription() {
			return "object [" + this.key + "] in bucket [" + S3MediaStorage.this.bucket + "]";
		}

		@Override
		public InputStream getInputStream() {
			return new ObjectInputStream(this.key, this.length);
		}

	}

	/**
	 * The bytes of an object from a position on: skipping before the first read (or far ahead) moves the position
	 * without reading, the next read sends a ranged GetObject from there, and closing before the end aborts the
	 * download rather than draining it.
	 */
	private final class ObjectInputStream extends InputStream {

		/** Bytes it is cheaper to read and drop than to ask for anew. */
		private static final long REOPEN_DISTANCE = 256 * 1024;

		private final String key;

		private final long length;

		private long position;

		private ResponseInputStream<GetObjectResponse> body;

		ObjectInputStream(String key, long length) {
			this.key = key;
			this.length = length;
		}

		/**
		 * Moves on without reading: before the first read, or (aborting the download under way, to ask again from
		 * there at the next read) farther than {@link #REOPEN_DISTANCE}, as between two ranges of one request.
		 */
		@Override
		public long skip(long n) throws IOException {
			if (n <= 0) {
				return 0;
			}
			if (this.body != null && n < REOPEN_DISTANCE) {
				long skipped = this.body.skip(n);
				this.position += skipped;
				return skipped;
			}
			close();
			this.body = null;
			long skipped = Math.min(n, this.length - this.position);
			this.position += skipped;
			return skipped;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (this.position >= this.length) {
				return -1;
			}
			int read = open().read(buffer, offset, length);
			if (read > 0) {
				this.position += read;
			}
			return read;
		}

		private InputStream open() throws IOException {
			if (this.body == null) {
				GetObjectRequest.Builder request = GetObjectRequest.builder()
					.bucket(S3MediaStorage.this.bucket)
					.key(this.key);
				if (this.position > 0) {
					request.range("bytes=" + this.position + "-");
				}
				try {
					this.body = S3MediaStorage.this.s3.getObject(request.build());
				}
				catch (SdkException ex) {
					throw new IOException("Could not read " + this.key + " from bucket " + S3MediaStorage.this.bucket,
							ex);
				}
			}
			return this.body;
		}

		@Override
		public void close() throws IOException {
			if (this.body != null) {
				if (this.position < this.length) {
					this.body.abort();
				}
				this.body.close();
			}
		}

	}

}
