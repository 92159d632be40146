package com.zviewer.cloud.comments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zviewer.cloud.comments.Comment.CommentStatus;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Listings, counts and statistics of comments, each showing the caller what the caller may see. */
@Component
class CommentQueries {

	static final RowMapper<Comment> ROW_MAPPER = CommentQueries::map;

	/** Sort properties clients may name, and their columns. */
	private static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at", "id", "id");

	/**
	 * The comments shown to the caller: VISIBLE ones, tombstones of those with replies, and FLAGGED or REMOVED ones to
	 * their author and staff.
	 */
	private static final String SHOWN = "(status = 'VISIBLE' OR reply_count > 0 OR (:staff AND status <> 'DELETED') "
			+ "OR (status IN ('FLAGGED', 'REMOVED') AND author_id = :caller))";

	private final JdbcClient jdbc;

	CommentQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The top-level comments of a media item. */
	Page<Comment> byMedia(long mediaId, Caller caller, PageRequest page) {
		return shown("media_id = :media AND parent_id IS NULL", Map.of("media", mediaId), caller, page);
	}

	/** The direct replies of a comment. */
	Page<Comment> replies(long parentId, Caller caller, PageRequest page) {
		return shown("parent_id = :parent", Map.of("parent", parentId), caller, page);
	}

	private Page<Comment> shown(String condition, Map<String, Object> parameters, Caller caller, PageRequest page) {
		Map<String, Object> all = new HashMap<>(parameters);
		all.put("staff", caller.isStaff());
		all.put("caller", caller.subject());
		return page("FROM comments WHERE " + condition + " AND " + SHOWN, all, orderBy(page.getSort()), page);
	}

	/** The moderation queue: FLAGGED comments, longest waiting first. */
	Page<Comment> flagged(PageRequest page) {
		return page("FROM comments WHERE status = 'FLAGGED'", Map.of(), "flagged_at ASC, id ASC", page);
	}

	private Page<Comment> page(String from, Map<String, Object> parameters, String orderBy, PageRequest page) {
		Map<String, Object> all = new HashMap<>(parameters);
		long total = this.jdbc.sql("SELECT count(*) " + from).params(all).query(Long.class).single();
		List<Comment> content = List.of();
		if (total > page.getOffset()) {
			all.put("limit", page.getPageSize());
			all.put("offset", page.getOffset());
			content = this.jdbc.sql("SELECT * " + from + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
				.params(all)
				.query(ROW_MAPPER)
				.list();
		}
		return new PageImpl<>(content, page, total);
	}

	/** ORDER BY of the named properties (400 for any other), then the id in the same direction. */
	private static String orderBy(Sort sort) {
		List<String> orders = new ArrayList<>();
		for (Sort.Order order : sort) {
			String column = SORTABLE.get(order.getProperty());
			if (column == null) {
				throw Problems.badRequest("Cannot sort by '" + order.getProperty() + "': sort by createdAt or id");
			}
			orders.add(column + (order.isAscending() ? " ASC" : " DESC"));
		}
		if (sort.getOrderFor("id") == null) {
			Sort.Order first = sort.iterator().next();
			orders.add("id" + (first.isAscending() ? " ASC" : " DESC"));
		}
		return String.join(", ", orders);
	}

	/** The number of VISIBLE comments (replies too) of each media item, in the order asked. */
	Map<String, Long> countsByMedia(List<Long> mediaIds) {
		Map<String, Long> counts = new LinkedHashMap<>();
		mediaIds.forEach((id) -> counts.put(Long.toString(id), 0L));
		this.jdbc
			.sql("SELECT media_id, count(*) AS comments FROM comments WHERE status = 'VISIBLE' "
					+ "AND media_id IN (:media) GROUP BY media_id")
			.param("media", mediaIds)
			.query((row) -> {
				counts.put(Long.toString(row.getLong("media_id")), row.getLong("comments"));
			});
		return counts;
	}

	/** The number of VISIBLE comments of a user. */
	long countByAuthor(String authorId) {
		return this.jdbc.sql("SELECT count(*) FROM comments WHERE author_id = :author AND status = 'VISIBLE'")
			.param("author", authorId)
			.query(Long.class)
			.single();
	}

	/** Comments not deleted, each status's count, and comments written on each UTC day of the range. */
	Statistics statistics(LocalDate from, LocalDate to) {
		Map<CommentStatus, Long> byStatus = new EnumMap<>(CommentStatus.class);
		for (CommentStatus status : CommentStatus.values()) {
			byStatus.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, count(*) AS comments FROM comments GROUP BY status")
			.query((row) -> {
				byStatus.put(CommentStatus.valueOf(row.getString("status")), row.getLong("comments"));
			});
		long total = byStatus.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() != CommentStatus.DELETED)
			.mapToLong(Map.Entry::getValue)
			.sum();
		Map<LocalDate, Long> perDay = new LinkedHashMap<>();
		from.datesUntil(to.plusDays(1)).forEach((day) -> perDay.put(day, 0L));
		this.jdbc
			.sql("SELECT CAST(created_at AT TIME ZONE 'UTC' AS date) AS day, count(*) AS comments FROM comments "
					+ "WHERE created_at >= :from AND created_at < :until GROUP BY day")
			.param("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("until", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query((row) -> {
				perDay.put(row.getObject("day", LocalDate.class), row.getLong("comments"));
			});
		List<Statistics.Day> created = perDay.entrySet()
			.stream()
			.map((entry) -> new Statistics.Day(entry.getKey(), entry.getValue()))
			.toList();
		return new Statistics(from, to, total, created, byStatus);
	}

	private static Comment map(ResultSet row, int number) throws SQLException {
		long parentId = row.getLong("parent_id");
		Long parent = row.wasNull() ? null : parentId;
		return new Comment(row.getLong("id"), row.getLong("media_id"), parent, row.getString("author_id"),
				row.getString("author_name"), row.getString("text"), CommentStatus.valueOf(row.getString("status")),
				row.getBoolean("edited"), row.getInt("reply_count"), row.getString("moderation_reason"),
				row.getString("moderated_by"), instant(row, "moderated_at"), instant(row, "flagged_at"),
				instant(row, "created_at"), instant(row, "updated_at"), instant(row, "deleted_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * The statistics shape every service answers.
	 *
	 * @param from the first day (UTC) of the range
	 * @param to the last day (UTC) of the range
	 * @param total comments not deleted, now
	 * @param created comments written on each day of the range, zero-filled
	 * @param byStatus comments of each status, now
	 */
	record Statistics(LocalDate from, LocalDate to, long total, List<Day> created, Map<CommentStatus, Long> byStatus) {

		record Day(LocalDate date, long count) {
		}

	}

}
