package com.zviewer.cloud.media;

import java.time.Instant;
import java.util.List;

import com.zviewer.cloud.starter.security.Caller;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An image or a video: its metadata, where its file is stored, its moderation status and its thumbnail. Written as a
 * whole only when created; afterwards each change (metadata, moderation, thumbnail) updates its own columns, so that
 * the thumbnail worker and an editing user never overwrite each other.
 */
@Table("media_items")
public record MediaItem(@Id Long id, long ownerId, String title, String description,
		List<String> categories, MediaType mediaType, String contentType, long sizeBytes, String contentHash,
		String storageKey, String originalFilename, Integer width, Integer height,
		Long durationMillis, MediaStatus status, String rejectionReason,
		Long moderatedBy, Instant moderatedAt, ThumbnailStatus thumbnailStatus,
		String thumbnailContentType, Long thumbnailSize, String thumbnailHash,
		Instant thumbnailCreatedAt, int thumbnailAttempts, Instant thumbnailClaimedUntil,
		Instant createdAt, Instant updatedAt) {

	/** Images or videos. */
	public enum MediaType {

		IMAGE, VIDEO

	}

	/** Moderation: only APPROVED media is visible to others than its owner, moderators and admins. */
	public enum MediaStatus {

		PENDING, APPROVED, REJECTED

	}

	/**
	 * Whether the thumbnail exists: PENDING until it is made (by media-service for images, by video-thumbnailer from
	 * a frame for videos), READY, FAILED (the file could not be decoded), UNSUPPORTED (a video while
	 * {@code zviewer.media.thumbnails.video-frames} is off).
	 */
	public enum ThumbnailStatus {

		PENDING, READY, FAILED, UNSUPPORTED

	}

	static MediaItem create(long ownerId, MediaDetails details, StoredFile file, MediaStatus status) {
		Instant now = Instant.now();
		return new MediaItem(null, ownerId, details.title(), details.description(), details.categories(),
				file.format().mediaType(), file.format().contentType(), file.size(), file.sha256(), file.key(),
				details.filename(), file.metadata().width(), file.metadata().height(), file.metadata().durationMillis(),
				status, null, null, null, ThumbnailStatus.PENDING, null, null, null, null, 0, null, now, now);
	}

	boolean isOwnedBy(Caller caller) {
		return caller.userId() != null && caller.userId() == this.ownerId;
	}

	/** Approved media is visible to anyone; other media only to its owner, moderators and admins. */
	boolean isVisibleTo(Caller caller) {
		return this.status == MediaStatus.APPROVED || isOwnedBy(caller) || caller.isStaff();
	}

	/** Its owner and admins may edit and delete it. */
	boolean isEditableBy(Caller caller) {
		return isOwnedBy(caller) || caller.isAdmin();
	}

	String thumbnailKey() {
		return thumbnailKey(this.storageKey);
	}

	/** Thumbnails are stored beside their original. */
	static String thumbnailKey(String storageKey) {
		return storageKey + ".thumb";
	}

	/** The file just stored, what it is and what could be read of it. */
	record StoredFile(String key, long size, String sha256, MediaFormat format, MediaMetadata metadata) {
	}

}
