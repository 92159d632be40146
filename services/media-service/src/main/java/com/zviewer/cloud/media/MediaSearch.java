package com.zviewer.cloud.media;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.zviewer.cloud.media.MediaItem.MediaStatus;
import com.zviewer.cloud.media.MediaItem.MediaType;
import com.zviewer.cloud.media.MediaItem.ThumbnailStatus;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Listing of media items: what the caller may see (approved items; an owner's own in any status; everything for
 * moderators and admins), filtered by type, owner, category, status and a full-text query (PostgreSQL's
 * {@code websearch_to_tsquery} syntax against title and description), sorted and paged.
 */
@Component
class MediaSearch {

	/** Sort properties clients may name, and their columns. */
	private static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at", "updatedAt", "updated_at",
			"title", "title", "size", "size_bytes", "id", "id");

	static final RowMapper<MediaItem> ROW_MAPPER = MediaSearch::map;

	private final JdbcClient jdbc;

	MediaSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Page<MediaItem> search(Caller caller, Criteria criteria, Pageable pageable) {
		String orderBy = orderBy(pageable.getSort());
		List<String> conditions = new ArrayList<>();
		Map<String, Object> parameters = new HashMap<>();
		if (caller.isAnonymous()) {
			conditions.add("status = 'APPROVED'");
		}
		else if (!caller.isStaff()) {
			conditions.add("(status = 'APPROVED' OR owner_id = :caller)");
			parameters.put("caller", caller.userId());
		}
		if (criteria.type() != null) {
			conditions.add("media_type = :type");
			parameters.put("type", criteria.type().name());
		}
		if (criteria.owner() != null) {
			conditions.add("owner_id = :owner");
			parameters.put("owner", criteria.owner());
		}
		if (criteria.category() != null && !criteria.category().isBlank()) {
			conditions.add("categories @> ARRAY[CAST(:category AS varchar(50))]");
			parameters.put("category", criteria.category().strip().toLowerCase(Locale.ROOT));
		}
		if (criteria.status() != null) {
			conditions.add("status = :status");
			parameters.put("status", criteria.status().name());
		}
		if (criteria.query() != null && !criteria.query().isBlank()) {
			conditions.add("search_vector @@ websearch_to_tsquery('english', :query)");
			parameters.put("query", criteria.query().strip());
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		long total = this.jdbc.sql("SELECT count(*) FROM media_items" + where)
			.params(parameters)
			.query(Long.class)
			.single();
		List<MediaItem> content = List.of();
		if (total > pageable.getOffset()) {
			content = this.jdbc
				.sql("SELECT * FROM media_items" + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
				.params(parameters)
				.param("limit", pageable.getPageSize())
				.param("offset", pageable.getOffset())
				.query(ROW_MAPPER)
				.list();
		}
		return new PageImpl<>(content, pageable, total);
	}

	/** ORDER BY of the named properties (400 for any other), then the id, so that pages never overlap. */
	private static String orderBy(Sort sort) {
		List<String> orders = new ArrayList<>();
		for (Sort.Order order : sort) {
			String column = SORTABLE.get(order.getProperty());
			if (column == null) {
				throw Problems.badRequest("Cannot sort by '" + order.getProperty() + "': sort by one of "
						+ String.join(", ", SORTABLE.keySet().stream().sorted().toList()));
			}
			if (order.isIgnoreCase() && column.equals("title")) {
				column = "lower(title)";
			}
			orders.add(column + (order.isAscending() ? " ASC" : " DESC"));
		}
		boolean byId = sort.stream().anyMatch((order) -> order.getProperty().equals("id"));
		if (!byId) {
			orders.add("id DESC");
		}
		return String.join(", ", orders);
	}

	private static MediaItem map(ResultSet row, int number) throws SQLException {
		return new MediaItem(row.getLong("id"), row.getLong("owner_id"), row.getString("title"),
				row.getString("description"), strings(row.getArray("categories")),
				MediaType.valueOf(row.getString("media_type")), row.getString("content_type"),
				row.getLong("size_bytes"), row.getString("content_hash"), row.getString("storage_key"),
				row.getString("original_filename"), integer(row, "width"), integer(row, "height"),
				longValue(row, "duration_millis"), MediaStatus.valueOf(row.getString("status")),
				row.getString("rejection_reason"), longValue(row, "moderated_by"), instant(row, "moderated_at"),
				ThumbnailStatus.valueOf(row.getString("thumbnail_status")), row.getString("thumbnail_content_type"),
				longValue(row, "thumbnail_size"), row.getString("thumbnail_hash"), instant(row, "thumbnail_created_at"),
				row.getInt("thumbnail_attempts"), instant(row, "thumbnail_claimed_until"), instant(row, "created_at"),
				instant(row, "updated_at"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	private static Integer integer(ResultSet row, String column) throws SQLException {
		int value = row.getInt(column);
		return row.wasNull() ? null : value;
	}

	private static Long longValue(ResultSet row, String column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/** Filters of a listing; {@code null} is no filter. */
	record Criteria(MediaType type, Long owner, String category, MediaStatus status, String query) {
	}

}
