package com.zviewer.cloud.admin.moderation;

/** Where a media item stands in moderation, as media-service knows it. */
enum MediaStatus {

	PENDING, APPROVED, REJECTED

}
