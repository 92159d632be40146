package com.zviewer.cloud.admin.moderation;

import java.time.Instant;

/**
 * A comment as comments-service shows it, passed on as it is. The status is kept as text so that a value added in
 * comments-service does not break listing here.
 *
 * @param id the comment's id
 * @param mediaId the media item it is about
 * @param parentId the comment it answers, if any
 * @param authorId who wrote it
 * @param authorName the author's display name
 * @param text what it says
 * @param status {@code VISIBLE}, {@code FLAGGED}, {@code REMOVED} or {@code DELETED}
 * @param replyCount how many answers it has
 * @param edited whether its author changed it
 * @param createdAt when it was written
 * @param updatedAt when it last changed
 */
record CommentView(long id, long mediaId, Long parentId, String authorId, String authorName, String text,
		String status, int replyCount, boolean edited, Instant createdAt, Instant updatedAt) {

	/** How a comment appears as the target of an audit entry: {@code comment:<id>}. */
	static String target(long id) {
		return "comment:" + id;
	}

}
