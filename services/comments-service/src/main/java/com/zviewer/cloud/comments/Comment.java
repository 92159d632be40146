package com.zviewer.cloud.comments;

import java.time.Instant;

import com.zviewer.cloud.starter.security.Caller;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A comment on a media item, or a reply to another comment ({@code parentId}). Written as a whole only when created;
 * afterwards each change (edit, deletion, moderation, a reply's arrival) updates its own columns.
 *
 * @param id the comment's id
 * @param mediaId the media item it is about
 * @param parentId the comment it replies to, {@code null} for a top-level comment
 * @param authorId the subject of its author's access token
 * @param authorName its author's display name when it was written
 * @param text the plain text; {@code null} once deleted
 * @param status see {@link CommentStatus}
 * @param edited whether its author changed the text after writing it
 * @param replyCount its replies still shown: not deleted, or deleted but with replies of their own
 * @param moderationReason why it is FLAGGED or REMOVED
 * @param moderatedBy the moderator who last set its status
 * @param moderatedAt when a moderator last set its status
 * @param flaggedAt when it was last flagged (the moderation queue's order)
 * @param createdAt when it was written
 * @param updatedAt when it last changed
 * @param deletedAt when it was deleted
 */
@Table("comments")
record Comment(@Id Long id, long mediaId, Long parentId, String authorId, String authorName, String text,
		CommentStatus status, boolean edited, int replyCount, String moderationReason, String moderatedBy,
		Instant moderatedAt, Instant flaggedAt, Instant createdAt, Instant updatedAt, Instant deletedAt) {

	static Comment create(long mediaId, Long parentId, Caller author, String text, String flagReason, Instant now) {
		CommentStatus status = (flagReason != null) ? CommentStatus.FLAGGED : CommentStatus.VISIBLE;
		return new Comment(null, mediaId, parentId, author.subject(), author.name(), text, status, false, 0, flagReason,
				null, null, (flagReason != null) ? now : null, now, now, null);
	}

	boolean isAuthoredBy(Caller caller) {
		return caller.subject() != null && caller.subject().equals(this.authorId);
	}

	/**
	 * Whether the caller may read it: VISIBLE comments anyone; FLAGGED and REMOVED ones their author, moderators and
	 * admins; DELETED ones nobody.
	 */
	boolean isReadableBy(Caller caller) {
		return switch (this.status) {
			case VISIBLE -> true;
			case FLAGGED, REMOVED -> isAuthoredBy(caller) || caller.isStaff();
			case DELETED -> false;
		};
	}

	/** Whether it is shown to the caller at all: readable, or as a tombstone keeping its replies in their thread. */
	boolean isShownTo(Caller caller) {
		return isReadableBy(caller) || this.replyCount > 0;
	}

	/** The status of a comment. */
	enum CommentStatus {

		/** Shown to anyone. */
		VISIBLE,

		/** Held for a moderator (flagged text or reports): shown to its author, moderators and admins only. */
		FLAGGED,

		/** Removed by a moderator: shown to its author, moderators and admins only. */
		REMOVED,

		/** Deleted by its author or staff: its text is gone; shown as a tombstone while it has replies. */
		DELETED

	}

}
