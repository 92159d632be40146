package com.zviewer.cloud.comments;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reports users made of a comment, for moderators ({@link CommentService#report} records them). */
@Component
class CommentReports {

	private final JdbcClient jdbc;

	private final CommentRepository comments;

	CommentReports(JdbcClient jdbc, CommentRepository comments) {
		this.jdbc = jdbc;
		this.comments = comments;
	}

	List<ReportView> of(long commentId) {
		if (!this.comments.existsById(commentId)) {
			throw Problems.notFound(commentId);
		}
		return this.jdbc
			.sql("SELECT comment_id, reporter_id, reason, created_at FROM comment_reports WHERE comment_id = :id "
					+ "ORDER BY created_at, reporter_id")
			.param("id", commentId)
			.query((row, number) -> new ReportView(row.getLong("comment_id"), row.getString("reporter_id"),
					row.getString("reason"), row.getTimestamp("created_at").toInstant()))
			.list();
	}

	record ReportView(long commentId, String reporterId, String reason, Instant createdAt) {
	}

}
