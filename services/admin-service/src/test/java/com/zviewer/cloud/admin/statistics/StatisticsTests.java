package com.zviewer.cloud.admin.statistics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.zviewer.cloud.admin.AdminServiceTestSupport;
import com.zviewer.cloud.admin.ServiceStandIn;
import com.zviewer.cloud.admin.ServiceStandIn.Answer;

import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics gathered from the stand-ins of auth-service, media-service, comments-service and payments-service,
 * each answering the shared statistics shape for the days asked (with what each adds), one of them failing, refusing
 * or too slow in some tests.
 */
class StatisticsTests extends AdminServiceTestSupport {

	@BeforeEach
	void statisticsEverywhere() {
		answerStatistics(authService, "/internal/users/statistics", 40, Map.of());
		answerStatistics(mediaService, "/api/media/statistics", 120, Map.of("totalBytes", 123456789));
		answerStatistics(commentsService, "/api/comments/statistics", 300, Map.of());
		answerStatistics(paymentsService, "/api/payments/statistics", 12,
				Map.of("completedAmounts", Map.of("USD", 12345, "EUR", 0)));
	}

	@Test
	void gathersEveryServicesStatisticsForTheDaysAskedWithTheAdministratorsOwnToken() {
		long before = auditSize();
		ResponseEntity<Map<String, Object>> answer = api().get("/api/admin/statistics?from=2026-11-01&to=2026-11-03",
				ADMIN);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> statistics = answer.getBody();
		assertThat(statistics).containsEntry("from", "2026-11-01")
			.containsEntry("to", "2026-11-03")
			.containsEntry("unavailable", List.of());
		assertThat(statistics.get("users")).isEqualTo(Map.of("from", "2026-11-01", "to", "2026-11-03", "total", 40,
				"created", List.of(Map.of("date", "2026-11-01", "count", 3), Map.of("date", "2026-11-02", "count", 3),
						Map.of("date", "2026-11-03", "count", 3))));
		assertThat(section(statistics, "media")).containsEntry("total", 120)
			.containsEntry("totalBytes", 123456789);
		assertThat(section(statistics, "comments")).containsEntry("total", 300);
		assertThat(section(statistics, "payments")).containsEntry("total", 12)
			.containsEntry("completedAmounts", Map.of("USD", 12345, "EUR", 0));
		Map<ServiceStandIn, String> paths = Map.of(authService, "/internal/users/statistics", mediaService,
				"/api/media/statistics", commentsService, "/api/comments/statistics", paymentsService,
				"/api/payments/statistics");
		paths.forEach((standIn, path) -> {
			assertThat(standIn.received()).as(path).singleElement().satisfies((request) -> {
				assertThat(request.method()).isEqualTo("GET");
				assertThat(request.path()).isEqualTo(path);
				assertThat(request.authorization()).isEqualTo(ADMIN);
				assertThat(request.query()).containsExactly(Map.entry("from", "2026-11-01"),
						Map.entry("to", "2026-11-03"));
			});
		});
		assertThat(auditSize()).as("reading changes nothing").isEqualTo(before);
	}

	@Test
	void takesTheThirtyDaysUpToTodayByDefault() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, Object> statistics = api().get("/api/admin/statistics", ADMIN).getBody();
		LocalDate to = LocalDate.parse((String) statistics.get("to"));
		assertThat(to).isBetween(today, today.plusDays(1));
		assertThat(statistics).containsEntry("from", to.minusDays(29).toString());
		assertThat(mediaService.last().query()).containsEntry("from", to.minusDays(29).toString())
			.containsEntry("to", to.toString());

		Map<String, Object> untilThen = api().get("/api/admin/statistics?to=2026-03-01", ADMIN).getBody();
		assertThat(untilThen).containsEntry("from", "2026-01-31").containsEntry("to", "2026-03-01");
	}

	@Test
	void listsAFailingSourceAsUnavailableAndAnswersTheOthers() {
		paymentsService.on("GET", "/api/payments/statistics", (request, path) -> Answer.text(500, "Something broke"));
		Map<String, Object> statistics = api().get("/api/admin/statistics?from=2026-11-01&to=2026-11-02", ADMIN)
			.getBody();
		assertThat(statistics).containsEntry("unavailable", List.of("payments")).containsEntry("payments", null);
		assertThat(section(statistics, "users")).containsEntry("total", 40);
		assertThat(section(statistics, "media")).containsEntry("total", 120);
		assertThat(section(statistics, "comments")).containsEntry("total", 300);
	}

	@Test
	void listsARefusingAndATooSlowSourceAsUnavailable() {
		authService.on("GET", "/internal/users/statistics", (request, path) -> Answer.problem(403, "Not yours"));
		commentsService.on("GET", "/api/comments/statistics", (request, path) -> {
			Thread.sleep(4000);
			return Answer.json(200, Map.of("total", 1));
		});
		ResponseEntity<Map<String, Object>> answer = api().get("/api/admin/statistics?from=2026-11-01&to=2026-11-02",
				ADMIN);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getBody()).containsEntry("unavailable", List.of("users", "comments"))
			.containsEntry("users", null)
			.containsEntry("comments", null);
		assertThat(section(answer.getBody(), "media")).containsEntry("total", 120);
		assertThat(section(answer.getBody(), "payments")).containsEntry("total", 12);
	}

	@Test
	void refusesBadRangesWithProblemDetailsWithoutAskingAnyService() {
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("from not a date", "?from=yesterday");
		queries.put("to not a date", "?to=2026-13-01");
		queries.put("a time, not a date", "?from=2026-11-01T00:00:00Z");
		queries.put("from after to", "?from=2026-11-02&to=2026-11-01");
		queries.put("367 days", "?from=2025-01-01&to=2026-01-02");
		queries.put("from after today's default to", "?from=2999-01-01");
		queries.forEach((what, query) -> assertProblem(api().get("/api/admin/statistics" + query, ADMIN),
				HttpStatus.BAD_REQUEST, what));
		assertThat(api().get("/api/admin/statistics?from=2026-11-02&to=2026-11-01", ADMIN).getBody())
			.containsEntry("detail", "'from' must not be after 'to'");
		assertThat(api().get("/api/admin/statistics?from=2025-01-01&to=2026-01-02", ADMIN).getBody())
			.containsEntry("detail", "The range is longer than 366 days");
		assertNoServiceCalled();

		ResponseEntity<Map<String, Object>> longest = api().get("/api/admin/statistics?from=2025-01-01&to=2026-01-01",
				ADMIN);
		assertThat(longest.getStatusCode()).as("366 days").isEqualTo(HttpStatus.OK);
		ResponseEntity<Map<String, Object>> oneDay = api().get("/api/admin/statistics?from=2026-11-01&to=2026-11-01",
				ADMIN);
		assertThat(oneDay.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> section(Map<String, Object> statistics, String name) {
		return (Map<String, Object>) statistics.get(name);
	}

	/** Answers the statistics shape: {@code total}, three created a day, and {@code extra}. */
	private static void answerStatistics(ServiceStandIn standIn, String path, int total, Map<String, Object> extra) {
		standIn.on("GET", path, (request, matcher) -> {
			LocalDate from = LocalDate.parse(request.query().get("from"));
			LocalDate to = LocalDate.parse(request.query().get("to"));
			Map<String, Object> statistics = new LinkedHashMap<>();
			statistics.put("from", from.toString());
			statistics.put("to", to.toString());
			statistics.put("total", total);
			statistics.put("created", from.datesUntil(to.plusDays(1))
				.map((date) -> Map.of("date", date.toString(), "count", 3))
				.toList());
			statistics.putAll(extra);
			return Answer.json(200, statistics);
		});
	}

}
