package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.Resource;

/**
 * Where the files of media-service live: originals and thumbnails under keys that media-service makes (never from
 * user input, so no name can reach outside the storage), the part files of resumable uploads, and a staging area where
 * uploads are received before they are known to be acceptable. {@link LocalMediaStorage} keeps them in a directory
 * that every replica mounts; an object store can implement the same contract (staging on local disk, commit as an
 * upload of the staged file, parts as local files or multipart uploads).
 */
interface MediaStorage {

	/**
	 * Checks that the storage can take files now, before an upload is read: a 503 problem if it cannot (a volume
	 * missing or not writable), rather than a failure halfway through.
	 */
	void checkWritable();

	/**
	 * Receives a stream into the staging area, counting and hashing it (SHA-256) as it goes. More than
	 * {@code maxBytes} throws {@link ContentTooLargeException} and keeps nothing.
	 */
	StagedFile stage(InputStream content, long maxBytes) throws IOException;

	/** The stored file of the key, to stream it, or empty if there is none. */
	Optional<Resource> find(String key);

	/** Deletes the file of the key; no file is no error. */
	void delete(String key) throws IOException;

	/**
	 * Opens the part file of a resumable upload (creating it empty the first time), locked against every other writer,
	 * in this replica or another: {@link PartBusyException} if one holds it.
	 */
	UploadPart openPart(UUID uploadId) throws IOException;

	/**
	 * The complete part file of a resumable upload as staged content, hashed. Committing it puts the same content under
	 * the key and leaves the part file until {@link #deletePart}, so that a completion cut short can be done again;
	 * closing it does not delete the part.
	 */
	StagedFile stagePart(UUID uploadId) throws IOException;

	/** Deletes the part file of a resumable upload; no file is no error. */
	void deletePart(UUID uploadId) throws IOException;

	/** Deletes staged files older than the age: what a crash left between receiving and committing an upload. */
	int deleteStaleStagedFiles(Duration age) throws IOException;

	/** Content in the staging area: committed under a key, or discarded when closed. */
	interface StagedFile extends AutoCloseable {

		long size();

		/** SHA-256 of the content, lower-case hex. */
		String sha256();

		/** The content, to read it (its type, its header, its pixels). */
		Resource resource();

		/** Moves the content under the key, atomically: a reader sees all of it or nothing. */
		void commit(String key) throws IOException;

		/** Discards the content unless it was committed. */
		@Override
		void close();

	}

	/** The part file of a resumable upload, open and locked. */
	interface UploadPart extends AutoCloseable {

		/** Bytes in the file, which may be more than the upload recorded if a replica died while appending. */
		long size() throws IOException;

		/** Cuts the file back to the length the upload recorded. */
		void truncate(long size) throws IOException;

		/**
		 * Appends at most {@code maxBytes} of the stream, forced to disk. When the stream fails (the client went away)
		 * the bytes already appended stay and {@link IncompleteAppendException} says how many there are.
		 */
		long append(InputStream content, long maxBytes) throws IOException;

		/** The first bytes of the file. */
		byte[] head(int length) throws IOException;

		/** Unlocks and closes the file. */
		@Override
		void close() throws IOException;

	}

	/** More content than allowed. */
	class ContentTooLargeException extends IOException {

		private final long limit;

		ContentTooLargeException(long limit) {
			super("The content is larger than " + limit + " bytes");
			this.limit = limit;
		}

		long limit() {
			return this.limit;
		}

	}

	/** Another request is appending to the same part file. */
	class PartBusyException extends IOException {

		PartBusyException(UUID uploadId) {
			super("Another request is writing to upload " + uploadId);
		}

	}

	/** Reading the stream failed after some bytes were appended, which stay. */
	class IncompleteAppendException extends IOException {

		private final long appended;

		IncompleteAppendException(long appended, IOException cause) {
			super("The content ended early, after " + appended + " bytes", cause);
			this.appended = appended;
		}

		long appended() {
			return this.appended;
		}

	}

}
