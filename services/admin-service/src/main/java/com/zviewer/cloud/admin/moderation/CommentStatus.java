package com.zviewer.cloud.admin.moderation;

/** What a moderator may make of a comment: show it again, or remove it (with a reason). */
enum CommentStatus {

	VISIBLE, REMOVED

}
