package com.zviewer.cloud.comments;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.zviewer.cloud.comments.Comment.CommentStatus;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writing comments: creation within the content rules, the rate limit and the limit of replies, edits, soft deletion,
 * reports and moderation.
 * <p>
 * Every replica shares the database, so the limits are checked there, under PostgreSQL advisory locks held until the
 * transaction ends: one per author (its comments are counted and written one request at a time, so the rate limit
 * holds exactly across replicas) and one per media item (taken shared by a new comment, exclusively by
 * {@link MediaDeletedListener}, so that no comment slips onto a media item whose deletion is being applied).
 */
@Service
class CommentService {

	/** Longest reason of a report or a moderation decision. */
	static final int MAX_REASON_LENGTH = 1000;

	private static final int AUTHOR_LOCKS = 1;

	static final int MEDIA_LOCKS = 2;

	private final CommentRepository comments;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ContentRules rules;

	private final MediaCatalog media;

	private final CommentsProperties properties;

	CommentService(CommentRepository comments, JdbcClient jdbc, TransactionTemplate transactions, ContentRules rules,
			MediaCatalog media, CommentsProperties properties) {
		this.comments = comments;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rules = rules;
		this.media = media;
		this.properties = properties;
	}

	/** The comment, if it is shown to the caller (readable, or a tombstone); otherwise as unknown as a missing one. */
	Comment get(long id, Caller caller) {
		return findShown(id, caller).orElseThrow(() -> Problems.notFound(id));
	}

	Optional<Comment> findShown(long id, Caller caller) {
		return this.comments.findById(id).filter((comment) -> comment.isShownTo(caller));
	}

	/**
	 * Writes a comment on a media item, or a reply to another comment ({@code parent}, found by the caller beforehand)
	 * of the same item. The text is checked first (400), then the author's rate limit (429), then whether the caller
	 * sees the media item at media-service (422); the limits are checked again under the locks.
	 */
	Comment create(Caller caller, long mediaId, Comment parent, String rawText) {
		String authorId = String.valueOf(caller.requireUserId());
		String text = this.rules.text(rawText);
		if (parent != null) {
			checkOpenForReplies(parent);
		}
		checkRateLimit(authorId, now());
		this.media.checkVisible(mediaId, caller);
		String flagReason = this.rules.flagReason(text).orElse(null);
		return this.transactions.execute((transaction) -> {
			lock("pg_advisory_xact_lock", AUTHOR_LOCKS, "hashtext(:key)", authorId);
			Instant now = now();
			checkRateLimit(authorId, now);
			lock("pg_advisory_xact_lock_shared", MEDIA_LOCKS, "hashint8(:key)", mediaId);
			boolean mediaDeleted = this.jdbc.sql("SELECT count(*) FROM deleted_media WHERE media_id = :media")
				.param("media", mediaId)
				.query(Long.class)
				.single() > 0;
			if (mediaDeleted) {
				throw Problems.unprocessable("No media item " + mediaId + " that you can see");
			}
			if (parent != null) {
				Comment current = this.jdbc.sql("SELECT * FROM comments WHERE id = :id FOR UPDATE")
					.param("id", parent.id())
					.query(CommentQueries.ROW_MAPPER)
					.optional()
					.orElseThrow(() -> Problems.notFound(parent.id()));
				checkOpenForReplies(current);
				int maxReplies = this.properties.getMaxReplies();
				if (current.replyCount() >= maxReplies) {
					throw Problems.conflict("Comment " + current.id() + " has reached the limit of " + maxReplies
							+ " replies");
				}
				this.jdbc.sql("UPDATE comments SET reply_count = reply_count + 1 WHERE id = :id")
					.param("id", current.id())
					.update();
			}
			return this.comments.save(Comment.create(mediaId, (parent != null) ? parent.id() : null, caller, text,
					flagReason, now));
		});
	}

	/**
	 * 429 if the author has written as many comments as the limit allows within the window ending now; Retry-After is
	 * when enough of them leave the window (the limit-th newest, so a lowered limit is honoured too).
	 */
	private void checkRateLimit(String authorId, Instant now) {
		CommentsProperties.RateLimit limit = this.properties.getRateLimit();
		Optional<Timestamp> blocking = this.jdbc
			.sql("SELECT created_at FROM comments WHERE author_id = :author AND created_at > :since "
					+ "ORDER BY created_at DESC LIMIT 1 OFFSET :offset")
			.param("author", authorId)
			.param("since", Timestamp.from(now.minus(limit.getWindow())))
			.param("offset", limit.getMaxComments() - 1)
			.query(Timestamp.class)
			.optional();
		if (blocking.isPresent()) {
			Duration retryAfter = Duration.between(now, blocking.get().toInstant().plus(limit.getWindow()));
			throw Problems.tooManyComments(limit.getMaxComments(), limit.getWindow(), retryAfter);
		}
	}

	private static void checkOpenForReplies(Comment parent) {
		if (parent.status() != CommentStatus.VISIBLE) {
			throw Problems.conflict("Comment " + parent.id() + " takes no replies: it is " + parent.status());
		}
	}

	/** Changes the text: its author only, while it is VISIBLE or FLAGGED; flagged text is held again. */
	Comment edit(long id, Caller caller, String rawText) {
		Comment comment = get(id, caller);
		if (!comment.isAuthoredBy(caller)) {
			throw Problems.forbidden("Only its author may edit comment " + id);
		}
		checkEditable(comment);
		String text = this.rules.text(rawText);
		if (text.equals(comment.text())) {
			return comment;
		}
		Optional<String> flagReason = this.rules.flagReason(text);
		int updated;
		if (flagReason.isPresent()) {
			updated = this.jdbc.sql("UPDATE comments SET text = :text, edited = true, updated_at = :now, "
					+ "moderation_reason = :reason, flagged_at = CASE WHEN status = 'FLAGGED' THEN flagged_at "
					+ "ELSE :now END, status = 'FLAGGED' WHERE id = :id AND status IN ('VISIBLE', 'FLAGGED')")
				.param("text", text)
				.param("now", Timestamp.from(now()))
				.param("reason", flagReason.get())
				.param("id", id)
				.update();
		}
		else {
			updated = this.jdbc
				.sql("UPDATE comments SET text = :text, edited = true, updated_at = :now "
						+ "WHERE id = :id AND status IN ('VISIBLE', 'FLAGGED')")
				.param("text", text)
				.param("now", Timestamp.from(now()))
				.param("id", id)
				.update();
		}
		if (updated == 0) {
			checkEditable(reload(id));
		}
		return reload(id);
	}

	private static void checkEditable(Comment comment) {
		if (comment.status() == CommentStatus.DELETED || comment.status() == CommentStatus.REMOVED) {
			throw Problems.conflict("Comment " + comment.id() + " can no longer be edited: it is " + comment.status());
		}
	}

	/**
	 * Soft-deletes a comment (its author, moderators, admins): status DELETED, text gone. Deleting it again changes
	 * nothing. A deleted comment without replies leaves its thread, which may let its deleted parent leave too.
	 */
	void delete(long id, Caller caller) {
		caller.requireUserId();
		Comment comment = this.comments.findById(id).orElseThrow(() -> Problems.notFound(id));
		if (!comment.isAuthoredBy(caller) && !caller.isStaff()) {
			if (!comment.isShownTo(caller)) {
				throw Problems.notFound(id);
			}
			throw Problems.forbidden("Only its author, moderators and admins may delete comment " + id);
		}
		this.transactions.executeWithoutResult((transaction) -> {
			Instant now = now();
			Optional<ThreadChange> deleted = this.jdbc
				.sql("UPDATE comments SET status = 'DELETED', text = NULL, deleted_at = :now, updated_at = :now "
						+ "WHERE id = :id AND status <> 'DELETED' RETURNING parent_id, reply_count, status")
				.param("now", Timestamp.from(now))
				.param("id", id)
				.query(ThreadChange.class)
				.optional();
			Optional<ThreadChange> gone = deleted.filter(ThreadChange::isGone);
			while (gone.isPresent() && gone.get().parentId() != null) {
				gone = this.jdbc
					.sql("UPDATE comments SET reply_count = reply_count - 1 WHERE id = :id "
							+ "RETURNING parent_id, reply_count, status")
					.param("id", gone.get().parentId())
					.query(ThreadChange.class)
					.optional()
					.filter(ThreadChange::isGone);
			}
		});
	}

	/** Sets a comment VISIBLE or REMOVED (with a reason): moderators and admins; not once its author deleted it. */
	Comment moderate(long id, Caller moderator, CommentStatus status, String rawReason) {
		Comment comment = this.comments.findById(id).orElseThrow(() -> Problems.notFound(id));
		String reason = null;
		if (status == CommentStatus.REMOVED) {
			if (rawReason == null || rawReason.isBlank()) {
				throw Problems.badRequest("A reason is required to remove a comment");
			}
			reason = ContentRules.reason(rawReason, MAX_REASON_LENGTH);
		}
		else if (status != CommentStatus.VISIBLE) {
			throw Problems.badRequest("The status of moderation is VISIBLE or REMOVED");
		}
		if (comment.status() == CommentStatus.DELETED) {
			throw Problems.conflict("Comment " + id + " was deleted and cannot be moderated");
		}
		int updated = this.jdbc.sql("UPDATE comments SET status = :status, moderation_reason = :reason, "
				+ "moderated_by = :moderator, moderated_at = :now, updated_at = :now "
				+ "WHERE id = :id AND status <> 'DELETED'")
			.param("status", status.name())
			.param("reason", reason, java.sql.Types.VARCHAR)
			.param("moderator", String.valueOf(moderator.requireUserId()))
			.param("now", Timestamp.from(now()))
			.param("id", id)
			.update();
		if (updated == 0) {
			throw Problems.conflict("Comment " + id + " was deleted and cannot be moderated");
		}
		return reload(id);
	}

	/**
	 * Records a signed-in user's report of a comment they can read (once per user, never their own). Once
	 * {@code reports-to-flag} users have reported it since a moderator last decided on it, a VISIBLE comment is
	 * FLAGGED.
	 */
	void report(long id, Caller caller, String rawReason) {
		String reporterId = String.valueOf(caller.requireUserId());
		Comment comment = this.comments.findById(id)
			.filter((found) -> found.isReadableBy(caller))
			.orElseThrow(() -> Problems.notFound(id));
		if (comment.isAuthoredBy(caller)) {
			throw Problems.conflict("You cannot report your own comment");
		}
		if (comment.status() != CommentStatus.VISIBLE && comment.status() != CommentStatus.FLAGGED) {
			throw Problems.conflict("Comment " + id + " is " + comment.status() + " and cannot be reported");
		}
		String reason = ContentRules.reason(rawReason, MAX_REASON_LENGTH);
		this.transactions.executeWithoutResult((transaction) -> {
			Instant now = now();
			int added = this.jdbc
				.sql("INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) "
						+ "VALUES (:id, :reporter, :reason, :now) ON CONFLICT DO NOTHING")
				.param("id", id)
				.param("reporter", reporterId)
				.param("reason", reason)
				.param("now", Timestamp.from(now))
				.update();
			if (added == 0) {
				throw Problems.conflict("You have already reported comment " + id);
			}
			long reports = this.jdbc
				.sql("SELECT count(*) FROM comment_reports r JOIN comments c ON c.id = r.comment_id "
						+ "WHERE r.comment_id = :id AND (c.moderated_at IS NULL OR r.created_at > c.moderated_at)")
				.param("id", id)
				.query(Long.class)
				.single();
			if (reports >= this.properties.getModeration().getReportsToFlag()) {
				this.jdbc
					.sql("UPDATE comments SET status = 'FLAGGED', moderation_reason = :reason, flagged_at = :now, "
							+ "updated_at = :now WHERE id = :id AND status = 'VISIBLE'")
					.param("reason", "Held for moderation: reported by " + reports + " users")
					.param("now", Timestamp.from(now))
					.param("id", id)
					.update();
			}
		});
	}

	private void lock(String function, int namespace, String key, Object value) {
		this.jdbc.sql("SELECT " + function + "(" + namespace + ", " + key + ")").param("key", value).query((row) -> {
		});
	}

	private Comment reload(long id) {
		return this.comments.findById(id).orElseThrow(() -> Problems.notFound(id));
	}

	/** Now, to the microsecond that PostgreSQL keeps. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/** What deleting a comment changes in its thread. */
	record ThreadChange(Long parentId, int replyCount, CommentStatus status) {

		/** A deleted comment without replies is no longer shown, and no longer counts as its parent's reply. */
		boolean isGone() {
			return this.status == CommentStatus.DELETED && this.replyCount == 0;
		}

	}

}
