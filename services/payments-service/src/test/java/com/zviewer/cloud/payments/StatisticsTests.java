package com.zviewer.cloud.payments;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static com.zviewer.cloud.payments.PaymentsApi.DECLINED;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.admin;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.moderator;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared statistics shape, with completed amounts per currency net of refunds. */
@PaymentsServiceTest
class StatisticsTests extends PaymentsServiceTestSupport {

	@Test
	@SuppressWarnings("unchecked")
	void countsPaymentsPerDayAndNetAmountsPerCurrency() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, Object> before = statistics("?from=" + today + "&to=" + today);
		String token = user(newUser());
		long paid = id(this.api.paid(token, 1000, "GBP", SUCCEEDS));
		this.api.paid(token, 2000, "GBP", DECLINED);
		this.api.paid(token, 300, "CAD", SUCCEEDS);
		this.api.refund(admin(), paid, 250, key());

		Map<String, Object> after = statistics("?from=" + today + "&to=" + today);
		assertThat(after).containsEntry("from", today.toString()).containsEntry("to", today.toString());
		assertThat(number(after, "total") - number(before, "total")).isEqualTo(3);
		assertThat(((List<Map<String, Object>>) after.get("created"))).singleElement()
			.satisfies((day) -> assertThat(day).containsEntry("date", today.toString()));
		assertThat(created(after).get(0) - created(before).get(0)).isEqualTo(3);
		Map<String, Object> amounts = (Map<String, Object>) after.get("completedAmounts");
		Map<String, Object> amountsBefore = (Map<String, Object>) before.get("completedAmounts");
		assertThat(amounts).containsOnlyKeys("USD", "EUR", "GBP", "CAD");
		assertThat(number(amounts, "GBP") - number(amountsBefore, "GBP")).isEqualTo(750);
		assertThat(number(amounts, "CAD") - number(amountsBefore, "CAD")).isEqualTo(300);
	}

	@Test
	@SuppressWarnings("unchecked")
	void defaultsToTheLastThirtyDaysZeroFilled() {
		Map<String, Object> statistics = statistics("");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertThat(statistics).containsEntry("to", today.toString())
			.containsEntry("from", today.minusDays(29).toString());
		List<Map<String, Object>> created = (List<Map<String, Object>>) statistics.get("created");
		assertThat(created).hasSize(30);
		assertThat(created.get(0)).containsEntry("date", today.minusDays(29).toString()).containsEntry("count", 0);
		Map<String, Object> past = statistics("?from=2020-02-01&to=2020-03-01");
		assertThat((List<?>) past.get("created")).hasSize(30);
		assertThat(created(past)).containsOnly(0L);
	}

	@Test
	void staffOnlyAndValidRangesOnly() {
		assertProblem(this.api.get(user(newUser()), "/api/payments/statistics"), HttpStatus.FORBIDDEN, "a user");
		assertProblem(this.api.get(null, "/api/payments/statistics"), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.get(admin(), "/api/payments/statistics?from=2026-11-02&to=2026-11-01"),
				HttpStatus.BAD_REQUEST, "from after to");
		assertProblem(this.api.get(admin(), "/api/payments/statistics?from=2024-01-01&to=2025-01-01"),
				HttpStatus.BAD_REQUEST, "367 days");
		assertThat(this.api.get(admin(), "/api/payments/statistics?from=2024-01-01&to=2024-12-31").getStatusCode())
			.as("366 days")
			.isEqualTo(HttpStatus.OK);
		assertProblem(this.api.get(admin(), "/api/payments/statistics?from=yesterday"), HttpStatus.BAD_REQUEST,
				"not a date");
	}

	private Map<String, Object> statistics(String query) {
		var response = this.api.get(moderator(), "/api/payments/statistics" + query);
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Long> created(Map<String, Object> statistics) {
		return ((List<Map<String, Object>>) statistics.get("created")).stream()
			.map((day) -> ((Number) day.get("count")).longValue())
			.toList();
	}

	private static long number(Map<String, Object> map, String key) {
		return ((Number) map.get(key)).longValue();
	}

}
