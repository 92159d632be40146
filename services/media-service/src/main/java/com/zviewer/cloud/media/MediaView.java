package com.zviewer.cloud.media;

import java.time.Instant;
import java.util.List;

import com.zviewer.cloud.media.MediaItem.MediaStatus;
import com.zviewer.cloud.media.MediaItem.MediaType;
import com.zviewer.cloud.media.MediaItem.ThumbnailStatus;

/**
 * A media item as the API shows it: its metadata and where to stream it and its thumbnail (the thumbnail URL only
 * once it is READY), but not where it is stored.
 */
record MediaView(long id, long ownerId, String title, String description, List<String> categories,
		MediaType mediaType, String contentType, long size, Integer width, Integer height, Long durationMillis,
		String originalFilename, String contentHash, MediaStatus status, String rejectionReason,
		ThumbnailStatus thumbnailStatus, String contentUrl, String thumbnailUrl, Instant createdAt,
		Instant updatedAt) {

	static MediaView of(MediaItem item) {
		String content = "/api/media/" + item.id() + "/content";
		String thumbnail = (item.thumbnailStatus() == ThumbnailStatus.READY) ? "/api/media/" + item.id() + "/thumbnail"
				: null;
		return new MediaView(item.id(), item.ownerId(), item.title(), item.description(), item.categories(),
				item.mediaType(), item.contentType(), item.sizeBytes(), item.width(), item.height(),
				item.durationMillis(), item.originalFilename(), item.contentHash(), item.status(),
				item.rejectionReason(), item.thumbnailStatus(), content, thumbnail, item.createdAt(), item.updatedAt());
	}

}
