package com.zviewer.cloud.comments;

import java.time.Instant;

import com.zviewer.cloud.comments.Comment.CommentStatus;
import com.zviewer.cloud.starter.security.Caller;

/**
 * A comment as the API shows it to a caller. One the caller may not read (deleted, or held or removed by moderation
 * and not the caller's) is a tombstone: its text is {@code null}. The moderation reason is shown only to the author,
 * moderators and admins.
 */
record CommentView(long id, long mediaId, Long parentId, String authorId, String authorName, String text,
		CommentStatus status, int replyCount, boolean edited, String moderationReason, Instant createdAt,
		Instant updatedAt) {

	static CommentView of(Comment comment, Caller caller) {
		boolean readable = comment.isReadableBy(caller);
		boolean concerned = comment.isAuthoredBy(caller) || caller.isStaff();
		return new CommentView(comment.id(), comment.mediaId(), comment.parentId(), comment.authorId(),
				comment.authorName(), readable ? comment.text() : null, comment.status(), comment.replyCount(),
				comment.edited(), concerned ? comment.moderationReason() : null, comment.createdAt(),
				comment.updatedAt());
	}

}
