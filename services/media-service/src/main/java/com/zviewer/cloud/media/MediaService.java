package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zviewer.cloud.media.MediaItem.MediaStatus;
import com.zviewer.cloud.media.MediaItem.StoredFile;
import com.zviewer.cloud.media.MediaStorage.ContentTooLargeException;
import com.zviewer.cloud.media.MediaStorage.StagedFile;
import com.zviewer.cloud.starter.outbox.Outbox;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Media items: storing uploads within the size limits and the owner's quota, who sees and edits what, moderation and
 * deletion. Files are committed to storage before their row, and deleted after theirs: a crash can leave a file
 * without a row (unreachable, harmless), never a row without a file.
 */
@Service
class MediaService {

	private static final Logger logger = LoggerFactory.getLogger(MediaService.class);

	private final MediaItemRepository items;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MediaStorage storage;

	private final MediaInspector inspector;

	private final MediaProperties properties;

	private final ThumbnailWorker thumbnails;

	private final Outbox outbox;

	MediaService(MediaItemRepository items, JdbcClient jdbc, TransactionTemplate transactions, MediaStorage storage,
			MediaInspector inspector, MediaProperties properties, ThumbnailWorker thumbnails, Outbox outbox) {
		this.items = items;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.storage = storage;
		this.inspector = inspector;
		this.properties = properties;
		this.thumbnails = thumbnails;
		this.outbox = outbox;
	}

	/** The item, if the caller may see it; an item the caller may not see is as unknown as a missing one. */
	MediaItem get(long id, Caller caller) {
		return this.items.findById(id)
			.filter((item) -> item.isVisibleTo(caller))
			.orElseThrow(() -> Problems.notFound("media item", id));
	}

	/**
	 * Refuses an upload from what it announces, before reading it: more than the largest file accepted, or more than
	 * the owner has left of the quota.
	 */
	void checkAnnouncedSize(long ownerId, long size) {
		if (size > this.properties.maxFileSize()) {
			throw Problems.tooLarge("The file", this.properties.maxFileSize());
		}
		checkQuota(ownerId, size, null);
	}

	/** Checks the size limit of the file's type. */
	void checkSize(MediaFormat format, long size) {
		long limit = maxSize(format);
		if (size > limit) {
			throw Problems.tooLarge("The " + format.name().toLowerCase(Locale.ROOT) + " file", limit);
		}
	}

	long maxSize(MediaFormat format) {
		return switch (format.mediaType()) {
			case IMAGE -> this.properties.getMaxImageSize().toBytes();
			case VIDEO -> this.properties.getMaxVideoSize().toBytes();
		};
	}

	/**
	 * Stores an upload whose size is known (the servlet container has spooled it): type and size are checked on its
	 * first bytes and announced size, then it is copied to storage, hashed, and checked again as stored.
	 */
	MediaItem upload(long ownerId, MediaDetails details, long size, ContentSource content) throws IOException {
		MediaFormat announced;
		try (InputStream in = content.open()) {
			announced = MediaFormat.detect(in).orElseThrow(Problems::unsupportedType);
		}
		checkSize(announced, size);
		checkQuota(ownerId, size, null);
		try (InputStream in = content.open(); StagedFile staged = this.storage.stage(in, maxSize(announced))) {
			MediaFormat format = this.inspector.format(staged.resource()).orElseThrow(Problems::unsupportedType);
			checkSize(format, staged.size());
			return create(ownerId, details, staged, newKey(), format, null);
		}
		catch (ContentTooLargeException ex) {
			throw Problems.tooLarge("The file", ex.limit());
		}
	}

	/**
	 * Makes a media item of staged content: commits the file under the key, then, with the owner's uploads serialised
	 * by a lock, checks the quota once more with the actual size and inserts the row (and marks the resumable upload
	 * it comes from, if any, completed in the same transaction).
	 */
	MediaItem create(long ownerId, MediaDetails details, StagedFile staged, String key, MediaFormat format,
			UUID upload) throws IOException {
		checkQuota(ownerId, staged.size(), upload);
		MediaMetadata metadata = this.inspector.metadata(format, staged.resource());
		StoredFile file = new StoredFile(key, staged.size(), staged.sha256(), format, metadata);
		MediaStatus status = this.properties.getModeration().getInitialStatus();
		staged.commit(key);
		MediaItem item;
		try {
			item = this.transactions.execute((transaction) -> {
				lockOwner(ownerId);
				checkQuota(ownerId, file.size(), upload);
				MediaItem saved = this.items.save(MediaItem.create(ownerId, details, file, status));
				if (upload != null) {
					this.jdbc
						.sql("UPDATE upload_sessions SET status = 'COMPLETED', media_id = :media, updated_at = now() "
								+ "WHERE id = :id")
						.param("media", saved.id())
						.param("id", upload)
						.update();
				}
				return saved;
			});
		}
		catch (RuntimeException ex) {
			deleteQuietly(key);
			throw ex;
		}
		this.thumbnails.wakeUp();
		return item;
	}

	/** Changes title, description and categories: the owner or an admin, of an item they can see. */
	MediaItem update(long id, Caller caller, MediaUpdate update) {
		MediaItem item = editable(id, caller);
		String title = (update.title() != null) ? MediaDetails.title(update.title(), this.properties) : item.title();
		String description = (update.description() != null) ? MediaDetails.description(update.description())
				: item.description();
		List<String> categories = (update.categories() != null) ? MediaDetails.categories(update.categories())
				: item.categories();
		this.jdbc
			.sql("UPDATE media_items SET title = :title, description = :description, "
					+ "categories = CAST(:categories AS varchar(50)[]), updated_at = now() WHERE id = :id")
			.param("title", title)
			.param("description", description)
			.param("categories", categories.toArray(String[]::new))
			.param("id", id)
			.update();
		return reload(id);
	}

	/** Approves or rejects an item (moderators and admins, who see every item). */
	MediaItem moderate(long id, Caller caller, MediaStatus status, String reason) {
		get(id, caller);
		String rejection = null;
		if (status == MediaStatus.REJECTED) {
			if (reason == null || reason.isBlank()) {
				throw Problems.badRequest("A reason is required to reject media");
			}
			rejection = reason.strip();
		}
		else if (status != MediaStatus.APPROVED) {
			throw Problems.badRequest("The status of moderation is APPROVED or REJECTED");
		}
		this.jdbc
			.sql("UPDATE media_items SET status = :status, rejection_reason = :reason, moderated_by = :moderator, "
					+ "moderated_at = now(), updated_at = now() WHERE id = :id")
			.param("status", status.name())
			.param("reason", rejection)
			.param("moderator", caller.requireUserId())
			.param("id", id)
			.update();
		return reload(id);
	}

	/**
	 * Deletes an item (its owner or an admin): the row goes in a transaction that also records the
	 * {@link MediaDeleted} event in the outbox, so the event is announced even if RabbitMQ is down now; the files go
	 * once that has committed.
	 */
	void delete(long id, Caller caller) {
		MediaItem item = editable(id, caller);
		boolean deleted = Boolean.TRUE.equals(this.transactions.execute((transaction) -> {
			int rows = this.jdbc.sql("DELETE FROM media_items WHERE id = :id").param("id", id).update();
			if (rows == 1) {
				this.outbox.add(MediaDeleted.EXCHANGE, MediaDeleted.ROUTING_KEY,
						new MediaDeleted(id, item.ownerId(), Instant.now()));
			}
			return rows == 1;
		}));
		if (!deleted) {
			throw Problems.notFound("media item", id);
		}
		deleteQuietly(item.storageKey());
		deleteQuietly(item.thumbnailKey());
	}

	/** Bytes the owner's originals take, plus resumable uploads in progress at their announced size. */
	long usedBytes(long ownerId, UUID exceptUpload) {
		String sessions = "SELECT COALESCE(SUM(total_size), 0) FROM upload_sessions WHERE owner_id = :owner "
				+ "AND status = 'ACTIVE'" + ((exceptUpload != null) ? " AND id <> :upload" : "");
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("SELECT (SELECT COALESCE(SUM(size_bytes), 0) FROM media_items WHERE owner_id = :owner) + ("
					+ sessions + ")")
			.param("owner", ownerId);
		if (exceptUpload != null) {
			statement = statement.param("upload", exceptUpload);
		}
		return statement.query(Long.class).single();
	}

	/** Refuses (413) what would take the owner past the quota. */
	void checkQuota(long ownerId, long size, UUID exceptUpload) {
		long quota = this.properties.getQuota().toBytes();
		long used = usedBytes(ownerId, exceptUpload);
		if (used + size > quota) {
			throw Problems.quotaExceeded(used, size, quota);
		}
	}

	/** Serialises the quota checks of one owner's uploads until the transaction ends. */
	void lockOwner(long ownerId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:owner)").param("owner", ownerId).query().singleRow();
	}

	/** A new storage key: random, spread over 256 directories. */
	static String newKey() {
		return key(UUID.randomUUID());
	}

	/** The storage key of the item a resumable upload becomes. */
	static String key(UUID id) {
		String name = id.toString();
		return "items/" + name.substring(0, 2) + "/" + name;
	}

	private MediaItem editable(long id, Caller caller) {
		MediaItem item = get(id, caller);
		if (!item.isEditableBy(caller)) {
			throw Problems.forbidden("Only the owner or an admin may change this media item");
		}
		return item;
	}

	private MediaItem reload(long id) {
		return this.items.findById(id).orElseThrow(() -> Problems.notFound("media item", id));
	}

	private void deleteQuietly(String key) {
		try {
			this.storage.delete(key);
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete {} from storage; it is no longer referenced", key, ex);
		}
	}

	/** Where an upload's content can be read from, as often as needed. */
	@FunctionalInterface
	interface ContentSource {

		InputStream open() throws IOException;

	}

	/** A change of metadata: {@code null} leaves a field as it is. */
	record MediaUpdate(String title, String description, List<String> categories) {
	}

}
