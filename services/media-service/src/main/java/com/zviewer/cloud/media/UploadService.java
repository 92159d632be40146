package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zviewer.cloud.media.MediaStorage.IncompleteAppendException;
import com.zviewer.cloud.media.MediaStorage.PartBusyException;
import com.zviewer.cloud.media.MediaStorage.StagedFile;
import com.zviewer.cloud.media.MediaStorage.UploadPart;
import com.zviewer.cloud.media.UploadSession.Status;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Resumable uploads: a session announces the file (its size counts against the quota from then on), parts are
 * appended in order to its part file under a file lock (so two requests, on any replicas, never write at once), and
 * the part that brings the last byte turns it into a media item. The type is checked as soon as the first bytes are
 * in, so a file of the wrong type or too large for its type is refused early. A scheduled job deletes the sessions
 * and part files of uploads abandoned for longer than {@code zviewer.media.uploads.expiry}.
 */
@Service
class UploadService {

	private static final Logger logger = LoggerFactory.getLogger(UploadService.class);

	/** Staged files older than this were left by a crash, not by an upload still being received. */
	private static final Duration STALE_STAGED_FILES = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MediaStorage storage;

	private final MediaService media;

	private final MediaProperties properties;

	UploadService(JdbcClient jdbc, TransactionTemplate transactions, MediaStorage storage, MediaService media,
			MediaProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.storage = storage;
		this.media = media;
		this.properties = properties;
	}

	/** Opens an upload of a file of the announced size, if it is within the size limit and the owner's quota. */
	UploadSession create(long ownerId, String filename, long size, MediaDetails details) {
		if (filename == null) {
			throw Problems.badRequest("A file name is required");
		}
		if (size <= 0) {
			throw Problems.badRequest("The size must be positive");
		}
		this.media.checkAnnouncedSize(ownerId, size);
		this.storage.checkWritable();
		UUID id = UUID.randomUUID();
		this.transactions.executeWithoutResult((transaction) -> {
			this.media.lockOwner(ownerId);
			this.media.checkQuota(ownerId, size, null);
			this.jdbc.sql("""
					INSERT INTO upload_sessions (id, owner_id, filename, title, description, categories, total_size,
					                             status, expires_at)
					VALUES (:id, :owner, :filename, :title, :description, CAST(:categories AS varchar(50)[]), :size,
					        'ACTIVE', :expires)
					""")
				.param("id", id)
				.param("owner", ownerId)
				.param("filename", filename)
				.param("title", details.title())
				.param("description", details.description())
				.param("categories", details.categories().toArray(String[]::new))
				.param("size", size)
				.param("expires", expiry())
				.update();
		});
		return find(id).orElseThrow();
	}

	/** The upload, to its owner; to anyone else it does not exist. */
	UploadSession get(UUID id, Caller caller) {
		return find(id).filter((session) -> session.ownerId() == caller.requireUserId())
			.orElseThrow(() -> Problems.notFound("upload", id));
	}

	/**
	 * Appends a part, which must start where the file ends. A body cut short by the connection keeps what arrived (the
	 * client asks the progress and resumes from there); a body that ends cleanly before the announced range changes
	 * nothing. The last byte makes the media item.
	 */
	Progress receive(UUID id, Caller caller, ContentRange range, long contentLength, InputStream body)
			throws IOException {
		UploadSession announced = active(get(id, caller));
		if (range.total() != announced.totalSize()) {
			throw Problems.badRequest("The upload is " + announced.totalSize() + " bytes, not " + range.total());
		}
		if (contentLength >= 0 && contentLength != range.length()) {
			throw Problems.badRequest("Content-Length " + contentLength + " does not match Content-Range "
					+ range.start() + "-" + range.end());
		}
		try (UploadPart part = lock(id)) {
			UploadSession session = active(get(id, caller));
			if (range.start() != session.receivedBytes()) {
				throw offsetMismatch(session);
			}
			part.truncate(session.receivedBytes());
			long appended;
			try {
				appended = part.append(body, range.length());
			}
			catch (IncompleteAppendException ex) {
				recordReceived(session, session.receivedBytes() + ex.appended());
				throw ex;
			}
			if (appended < range.length() || body.read() != -1) {
				part.truncate(session.receivedBytes());
				throw Problems.badRequest("The body does not hold the " + range.length() + " bytes of "
						+ "Content-Range " + range.start() + "-" + range.end() + "; nothing was kept");
			}
			session = checkTypeEarly(recordReceived(session, session.receivedBytes() + appended), part);
			if (session.isComplete()) {
				MediaItem item = complete(session, part);
				return new Progress(find(id).orElse(session), item, true);
			}
			return new Progress(session, null, false);
		}
	}

	/** Makes the media item of an upload whose bytes have all arrived (again, if the last part's answer was lost). */
	Progress complete(UUID id, Caller caller) throws IOException {
		UploadSession session = get(id, caller);
		if (session.status() == Status.COMPLETED) {
			return new Progress(session, this.media.get(session.mediaId(), caller), false);
		}
		try (UploadPart part = lock(id)) {
			session = active(get(id, caller));
			if (!session.isComplete()) {
				throw Problems.conflict("Only " + session.receivedBytes() + " of " + session.totalSize()
						+ " bytes have arrived");
			}
			MediaItem item = complete(session, part);
			return new Progress(find(id).orElseThrow(), item, true);
		}
	}

	/** Cancels an upload and deletes what it received (a completed upload's media item stays). */
	void cancel(UUID id, Caller caller) throws IOException {
		get(id, caller);
		try (UploadPart part = lock(id)) {
			this.jdbc.sql("DELETE FROM upload_sessions WHERE id = :id").param("id", id).update();
			this.storage.deletePart(id);
		}
	}

	/** Deletes expired sessions and their part files, and staged files that crashes left behind. */
	@Scheduled(fixedDelayString = "${zviewer.media.uploads.cleanup-interval:PT10M}", initialDelay = 60_000)
	void deleteExpired() {
		try {
			List<UUID> expired;
			do {
				expired = this.jdbc.sql("""
						DELETE FROM upload_sessions WHERE id IN (SELECT id FROM upload_sessions WHERE expires_at < now()
						                                        ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)
						RETURNING id
						""").query(UUID.class).list();
				for (UUID id : expired) {
					this.storage.deletePart(id);
				}
				if (!expired.isEmpty()) {
					logger.info("Deleted {} expired upload(s)", expired.size());
				}
			}
			while (expired.size() == 100);
			this.storage.deleteStaleStagedFiles(STALE_STAGED_FILES);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not delete expired uploads, will try again: {}", ex.toString());
		}
	}

	private Optional<UploadSession> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM upload_sessions WHERE id = :id")
			.param("id", id)
			.query(UploadSession.ROW_MAPPER)
			.optional();
	}

	private UploadPart lock(UUID id) throws IOException {
		try {
			return this.storage.openPart(id);
		}
		catch (PartBusyException ex) {
			throw Problems.conflict("Another part of this upload is being received; ask its progress and resume");
		}
	}

	private static UploadSession active(UploadSession session) {
		if (session.status() == Status.COMPLETED) {
			throw Problems.conflict("This upload is complete: it became media item " + session.mediaId());
		}
		if (session.status() == Status.FAILED) {
			throw Problems.conflict("This upload failed: " + session.failure());
		}
		return session;
	}

	private UploadSession recordReceived(UploadSession session, long received) {
		this.jdbc
			.sql("UPDATE upload_sessions SET received_bytes = :received, updated_at = now(), expires_at = :expires "
					+ "WHERE id = :id")
			.param("received", received)
			.param("expires", expiry())
			.param("id", session.id())
			.update();
		return find(session.id()).orElseThrow(() -> Problems.notFound("upload", session.id()));
	}

	/**
	 * Once the first bytes are in (or the whole file, if it is smaller), checks the type and the size limit of that
	 * type, and ends the upload at once if either is refused.
	 */
	private UploadSession checkTypeEarly(UploadSession session, UploadPart part) throws IOException {
		if (session.contentType() != null
				|| session.receivedBytes() < Math.min(session.totalSize(), MediaFormat.HEAD_LENGTH)) {
			return session;
		}
		MediaFormat format = formatOf(session, part);
		this.jdbc.sql("UPDATE upload_sessions SET content_type = :type WHERE id = :id")
			.param("type", format.contentType())
			.param("id", session.id())
			.update();
		return find(session.id()).orElse(session);
	}

	private MediaFormat formatOf(UploadSession session, UploadPart part) throws IOException {
		byte[] head = part.head(MediaFormat.HEAD_LENGTH);
		MediaFormat format = MediaFormat.detect(head, head.length).orElse(null);
		if (format == null) {
			throw fail(session, Problems.unsupportedType());
		}
		try {
			this.media.checkSize(format, session.totalSize());
		}
		catch (ResponseStatusException ex) {
			throw fail(session, ex);
		}
		return format;
	}

	/** Makes the media item, under the part's lock: the file is hashed, linked into place, and its row inserted. */
	private MediaItem complete(UploadSession session, UploadPart part) throws IOException {
		MediaFormat format = formatOf(session, part);
		MediaItem item;
		try (StagedFile staged = this.storage.stagePart(session.id())) {
			item = this.media.create(session.ownerId(), session.details(), staged, MediaService.key(session.id()),
					format, session.id());
		}
		catch (ErrorResponseException ex) {
			throw fail(session, ex);
		}
		try {
			this.storage.deletePart(session.id());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete the part file of completed upload {}", session.id(), ex);
		}
		return item;
	}

	/** Ends an upload as FAILED with the reason it was refused, deletes its part file, and answers that refusal. */
	private <E extends ErrorResponseException> E fail(UploadSession session, E refusal) throws IOException {
		String detail = refusal.getBody().getDetail();
		this.jdbc
			.sql("UPDATE upload_sessions SET status = 'FAILED', failure = :failure, updated_at = now() WHERE id = :id")
			.param("failure", (detail != null && detail.length() > 500) ? detail.substring(0, 500) : detail)
			.param("id", session.id())
			.update();
		this.storage.deletePart(session.id());
		return refusal;
	}

	private static ErrorResponseException offsetMismatch(UploadSession session) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The part must start at byte " + session.receivedBytes() + ", where the upload is");
		problem.setProperty("receivedBytes", session.receivedBytes());
		problem.setProperty("totalSize", session.totalSize());
		ErrorResponseException conflict = new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
		conflict.getHeaders().set(UploadController.UPLOAD_OFFSET, Long.toString(session.receivedBytes()));
		conflict.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		return conflict;
	}

	private Timestamp expiry() {
		return Timestamp.from(Instant.now().plus(this.properties.getUploads().getExpiry()));
	}

	/**
	 * Where an upload stands, and the media item it became, if it is complete.
	 *
	 * @param completedNow whether this request made the media item (rather than an earlier one)
	 */
	record Progress(UploadSession session, MediaItem item, boolean completedNow) {
	}

	/** A {@code Content-Range: bytes start-end/total} header. */
	record ContentRange(long start, long end, long total) {

		private static final Pattern FORMAT = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");

		static ContentRange parse(String header) {
			if (header == null) {
				throw Problems.badRequest("A Content-Range header (bytes start-end/total) is required");
			}
			Matcher matcher = FORMAT.matcher(header.strip());
			if (!matcher.matches()) {
				throw Problems.badRequest("The Content-Range header must be bytes start-end/total");
			}
			long start = Long.parseLong(matcher.group(1));
			long end = Long.parseLong(matcher.group(2));
			long total = Long.parseLong(matcher.group(3));
			if (end < start || end >= total) {
				throw Problems.badRequest("The Content-Range " + start + "-" + end + "/" + total + " is not a range of "
						+ "the file");
			}
			return new ContentRange(start, end, total);
		}

		long length() {
			return this.end - this.start + 1;
		}

	}

}
