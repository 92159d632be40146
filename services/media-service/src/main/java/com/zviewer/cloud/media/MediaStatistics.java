package com.zviewer.cloud.media;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zviewer.cloud.media.MediaItem.MediaType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Figures for staff, in the statistics shape every service answers: the media items that exist now (how many, their
 * bytes, how many of each type) and how many were created on each UTC day of a range, zero-filled.
 */
@Component
class MediaStatistics {

	/** The longest range, in days, both ends counted. */
	static final int MAX_DAYS = 366;

	/** The range when none is given: the last 30 days, today included. */
	static final int DEFAULT_DAYS = 30;

	private final JdbcClient jdbc;

	MediaStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The statistics of the range (UTC days, both inclusive): {@code to} defaults to today, {@code from} to 29 days
	 * before {@code to}. A range that ends before it starts, or is longer than 366 days, is a 400 problem.
	 */
	Statistics of(LocalDate from, LocalDate to) {
		LocalDate end = (to != null) ? to : LocalDate.now(ZoneOffset.UTC);
		LocalDate start = (from != null) ? from : end.minusDays(DEFAULT_DAYS - 1);
		if (start.isAfter(end)) {
			throw Problems.badRequest("from (" + start + ") is after to (" + end + ")");
		}
		if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
			throw Problems.badRequest("The range from " + start + " to " + end + " is longer than " + MAX_DAYS + " days");
		}
		Map<MediaType, Long> byType = new EnumMap<>(MediaType.class);
		for (MediaType type : MediaType.values()) {
			byType.put(type, 0L);
		}
		long[] totalBytes = { 0 };
		this.jdbc.sql("SELECT media_type, count(*) AS items, COALESCE(SUM(size_bytes), 0) AS bytes FROM media_items "
				+ "GROUP BY media_type")
			.query((row) -> {
				byType.put(MediaType.valueOf(row.getString("media_type")), row.getLong("items"));
				totalBytes[0] += row.getLong("bytes");
			});
		long total = byType.values().stream().mapToLong(Long::longValue).sum();
		Map<LocalDate, Long> perDay = new HashMap<>();
		this.jdbc.sql("""
				SELECT CAST(created_at AT TIME ZONE 'UTC' AS date) AS day, count(*) AS items FROM media_items
				WHERE created_at >= :start AND created_at < :end GROUP BY day
				""")
			.param("start", start.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.param("end", end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.query((row) -> {
				perDay.put(row.getObject("day", LocalDate.class), row.getLong("items"));
			});
		List<DayCount> created = new ArrayList<>();
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			created.add(new DayCount(day, perDay.getOrDefault(day, 0L)));
		}
		return new Statistics(start, end, total, created, totalBytes[0], byType);
	}

	/**
	 * The statistics shape shared by the services, plus what media-service adds.
	 *
	 * @param total media items that exist now, whatever their status
	 * @param created media items created on each day of the range that still exist (deletion removes the row)
	 * @param totalBytes bytes of the originals of the items that exist now
	 * @param byType items that exist now, of each type
	 */
	record Statistics(LocalDate from, LocalDate to, long total, List<DayCount> created, long totalBytes,
			Map<MediaType, Long> byType) {
	}

	record DayCount(LocalDate date, long count) {
	}

}
