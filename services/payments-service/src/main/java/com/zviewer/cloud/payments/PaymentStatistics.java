package com.zviewer.cloud.payments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statistics every service answers (the shared contract): payments existing now, payments created per UTC day in
 * the range (zero-filled), and, added here, the amounts of payments completed in the range net of their refunds, per
 * currency.
 */
@Component
class PaymentStatistics {

	static final int MAX_DAYS = 366;

	private final JdbcClient jdbc;

	private final Clock clock;

	PaymentStatistics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Statistics statistics(LocalDate from, LocalDate to) {
		LocalDate end = (to != null) ? to : LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		LocalDate start = (from != null) ? from : end.minusDays(29);
		if (start.isAfter(end)) {
			throw Problems.badRequest("from (" + start + ") is after to (" + end + ")");
		}
		if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
			throw Problems.badRequest("The range is longer than " + MAX_DAYS + " days");
		}
		Timestamp since = Timestamp.from(start.atStartOfDay(ZoneOffset.UTC).toInstant());
		Timestamp until = Timestamp.from(end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		long total = this.jdbc.sql("SELECT count(*) FROM payments").query(Long.class).single();
		Map<LocalDate, Long> perDay = new HashMap<>();
		this.jdbc
			.sql("SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS created FROM payments "
					+ "WHERE created_at >= :since AND created_at < :until GROUP BY day")
			.param("since", since)
			.param("until", until)
			.query((row) -> {
				perDay.put(row.getObject("day", LocalDate.class), row.getLong("created"));
			});
		List<DayCount> created = new ArrayList<>();
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			created.add(new DayCount(day, perDay.getOrDefault(day, 0L)));
		}
		Map<String, Long> amounts = new LinkedHashMap<>();
		for (Currency currency : Currency.values()) {
			amounts.put(currency.name(), 0L);
		}
		this.jdbc
			.sql("SELECT currency, sum(amount - refunded_amount) AS net FROM payments "
					+ "WHERE status IN ('COMPLETED', 'REFUNDED') AND completed_at >= :since AND completed_at < :until "
					+ "GROUP BY currency")
			.param("since", since)
			.param("until", until)
			.query((row) -> {
				amounts.put(row.getString("currency"), row.getLong("net"));
			});
		return new Statistics(start, end, total, created, amounts);
	}

	record Statistics(LocalDate from, LocalDate to, long total, List<DayCount> created,
			Map<String, Long> completedAmounts) {
	}

	record DayCount(LocalDate date, long count) {
	}

}
