package com.zviewer.cloud.auth;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Figures for administrators, in the statistics shape every service answers: the accounts that exist now (how many,
 * of each role and of each status) and how many were created on each UTC day of a range, zero-filled.
 */
@Component
class UserStatistics {

	/** The longest range, in days, both ends counted. */
	static final int MAX_DAYS = 366;

	/** The range when none is given: the last 30 days, today included. */
	static final int DEFAULT_DAYS = 30;

	private final JdbcClient jdbc;

	UserStatistics(JdbcClient jdbc) {
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
			throw badRequest("from (" + start + ") is after to (" + end + ")");
		}
		if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
			throw badRequest("The range from " + start + " to " + end + " is longer than " + MAX_DAYS + " days");
		}
		Map<Role, Long> byRole = zeros(Role.class);
		Map<AccountStatus, Long> byStatus = zeros(AccountStatus.class);
		this.jdbc.sql("SELECT role, status, count(*) AS users FROM users GROUP BY role, status").query((row) -> {
			long users = row.getLong("users");
			byRole.merge(Role.valueOf(row.getString("role")), users, Long::sum);
			byStatus.merge(AccountStatus.valueOf(row.getString("status")), users, Long::sum);
		});
		long total = byRole.values().stream().mapToLong(Long::longValue).sum();
		// Days as timestamps without time zone, read as UTC: the session's time zone plays no part.
		List<DayCount> created = this.jdbc.sql("""
				SELECT CAST(d.midnight AS date) AS day, count(u.id) AS users
				FROM generate_series(CAST(:start AS timestamp), CAST(:end AS timestamp), INTERVAL '1 day') AS d(midnight)
				LEFT JOIN users u ON u.created_at >= d.midnight AT TIME ZONE 'UTC'
					AND u.created_at < (d.midnight + INTERVAL '1 day') AT TIME ZONE 'UTC'
				GROUP BY d.midnight ORDER BY d.midnight
				""")
			.param("start", start)
			.param("end", end)
			.query((row, rowNum) -> new DayCount(row.getObject("day", LocalDate.class), row.getLong("users")))
			.list();
		return new Statistics(start, end, total, created, byRole, byStatus);
	}

	private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
		Map<E, Long> counts = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			counts.put(constant, 0L);
		}
		return counts;
	}

	private static ResponseStatusException badRequest(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * The statistics shape shared by the services, plus what auth-service adds.
	 *
	 * @param total accounts that exist now, whatever their role and status
	 * @param created accounts created on each day of the range that still exist
	 * @param byRole accounts that exist now, of each role
	 * @param byStatus accounts that exist now, of each status
	 */
	record Statistics(LocalDate from, LocalDate to, long total, List<DayCount> created, Map<Role, Long> byRole,
			Map<AccountStatus, Long> byStatus) {
	}

	record DayCount(LocalDate date, long count) {
	}

}
