package com.zviewer.cloud.admin.moderation;

import java.time.Instant;
import java.util.List;

/**
 * A media item as media-service shows it to moderators and administrators, passed on as it is. Enumerated values are
 * kept as text so that a value added in media-service does not break listing here.
 *
 * @param id the item's id
 * @param ownerId who uploaded it
 * @param title its title
 * @param description its description, if any
 * @param categories its categories
 * @param mediaType {@code IMAGE} or {@code VIDEO}
 * @param contentType the file's MIME type
 * @param size the file's size in bytes
 * @param width the width in pixels, if known
 * @param height the height in pixels, if known
 * @param durationMillis a video's length, if known
 * @param originalFilename the name the file was uploaded under
 * @param contentHash the file's hash
 * @param status {@code PENDING}, {@code APPROVED} or {@code REJECTED}
 * @param rejectionReason why it was rejected
 * @param thumbnailStatus whether its thumbnail exists
 * @param contentUrl where to stream it
 * @param thumbnailUrl where its thumbnail is, once there is one
 * @param createdAt when it was uploaded
 * @param updatedAt when it last changed
 */
record MediaView(long id, long ownerId, String title, String description, List<String> categories,
		String mediaType, String contentType, long size, Integer width, Integer height, Long durationMillis,
		String originalFilename, String contentHash, String status, String rejectionReason, String thumbnailStatus,
		String contentUrl, String thumbnailUrl, Instant createdAt, Instant updatedAt) {

	/** How a media item appears as the target of an audit entry: {@code media:<id>}. */
	static String target(long id) {
		return "media:" + id;
	}

}
