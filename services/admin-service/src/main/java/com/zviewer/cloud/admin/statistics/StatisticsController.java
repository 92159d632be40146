package com.zviewer.cloud.admin.statistics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The statistics of the whole system for administrators: users, media, comments and payments over a range of days,
 * gathered from the services at once (see {@link StatisticsGatherer}).
 */
@RestController
@RequestMapping("/api/admin/statistics")
@PreAuthorize("hasRole('ADMIN')")
class StatisticsController {

	/** The longest range of days accepted, both ends included. */
	static final int MAX_DAYS = 366;

	/** The range when none is given: the 30 days up to today. */
	static final int DEFAULT_DAYS = 30;

	private final StatisticsGatherer gatherer;

	StatisticsController(StatisticsGatherer gatherer) {
		this.gatherer = gatherer;
	}

	/**
	 * UTC days from {@code from} to {@code to}, both inclusive, as ISO dates; {@code to} is today and {@code from} 29
	 * days before {@code to} unless given.
	 */
	@GetMapping
	AdminStatistics statistics(@AuthenticationPrincipal Jwt admin,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		LocalDate last = (to != null) ? to : LocalDate.now(ZoneOffset.UTC);
		LocalDate first = (from != null) ? from : last.minusDays(DEFAULT_DAYS - 1);
		if (first.isAfter(last)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must not be after 'to'");
		}
		if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The range is longer than " + MAX_DAYS + " days");
		}
		return this.gatherer.gather(admin, first, last);
	}

}
