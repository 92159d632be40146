package com.zviewer.cloud.admin.moderation;

/** What a moderator may decide about a media item: approve it, or reject it (with a reason). */
enum MediaDecision {

	APPROVED, REJECTED

}
