package com.zviewer.cloud.media;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static com.zviewer.cloud.media.MediaApi.admin;
import static com.zviewer.cloud.media.MediaApi.moderator;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Statistics for staff: totals now, bytes and types, items created per day. */
@MediaServiceTest
class StatisticsTests extends MediaServiceTestSupport {

	@Test
	void countsItemsBytesAndTypesNowAndItemsCreatedPerDay() {
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String uri = "/api/media/statistics?from=" + today + "&to=" + today;
		Map<String, Object> before = statistics(moderator(), uri);
		long owner = newUser();
		byte[] image = TestMedia.png(30, 30);
		byte[] video = TestMedia.webm();
		this.api.uploaded(user(owner), image, "a.png", "Counted image");
		this.api.uploaded(user(owner), video, "a.webm", "Counted video");

		Map<String, Object> after = statistics(admin(), uri);
		assertThat(after).containsEntry("from", today).containsEntry("to", today);
		assertThat(number(after, "total")).isEqualTo(number(before, "total") + 2);
		assertThat(number(after, "totalBytes")).isEqualTo(number(before, "totalBytes") + image.length + video.length);
		assertThat(type(after, "IMAGE")).isEqualTo(type(before, "IMAGE") + 1);
		assertThat(type(after, "VIDEO")).isEqualTo(type(before, "VIDEO") + 1);
		assertThat(type(after, "IMAGE") + type(after, "VIDEO")).isEqualTo(number(after, "total"));
		List<Map<String, Object>> created = created(after);
		assertThat(created).hasSize(1);
		assertThat(created.getFirst()).containsEntry("date", today);
		assertThat(((Number) created.getFirst().get("count")).longValue())
			.isEqualTo(((Number) created(before).getFirst().get("count")).longValue() + 2);
	}

	@Test
	void fillsEveryDayOfTheRangeAndDefaultsToTheLast30Days() {
		Map<String, Object> past = statistics(moderator(), "/api/media/statistics?from=2020-02-27&to=2020-03-01");
		assertThat(created(past)).extracting((day) -> day.get("date"))
			.containsExactly("2020-02-27", "2020-02-28", "2020-02-29", "2020-03-01");
		assertThat(created(past)).allSatisfy((day) -> assertThat(day).containsEntry("count", 0));

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, Object> recent = statistics(moderator(), "/api/media/statistics");
		assertThat(recent).containsEntry("to", today.toString())
			.containsEntry("from", today.minusDays(29).toString());
		assertThat(created(recent)).hasSize(30);
		assertThat(created(recent).getLast()).containsEntry("date", today.toString());

		Map<String, Object> fromOnly = statistics(moderator(), "/api/media/statistics?to=2024-12-31");
		assertThat(fromOnly).containsEntry("from", "2024-12-02");
		Map<String, Object> longest = statistics(moderator(), "/api/media/statistics?from=2024-01-01&to=2024-12-31");
		assertThat(created(longest)).hasSize(366);
	}

	@Test
	void refusesBadRangesAndDates() {
		for (String query : List.of("from=2026-11-27&to=2026-11-01", "from=2023-01-01&to=2024-01-02",
				"from=2026-13-01", "to=yesterday", "from=27.11.2026", "from=2026-11-01T00:00:00Z")) {
			assertProblem(this.api.get(moderator(), "/api/media/statistics?" + query), HttpStatus.BAD_REQUEST, query);
		}
	}

	@Test
	void answersOnlyModeratorsAndAdmins() {
		assertProblem(this.api.get(user(newUser()), "/api/media/statistics"), HttpStatus.FORBIDDEN, "a user");
		assertProblem(this.api.get(null, "/api/media/statistics"), HttpStatus.UNAUTHORIZED, "anonymous");
		assertThat(this.api.get(admin(), "/api/media/statistics").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private Map<String, Object> statistics(String token, String uri) {
		ResponseEntity<Map<String, Object>> response = this.api.get(token, uri);
		assertThat(response.getStatusCode()).as("%s: %s", uri, response.getBody()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> created(Map<String, Object> statistics) {
		return (List<Map<String, Object>>) statistics.get("created");
	}

	private static long number(Map<String, Object> statistics, String name) {
		return ((Number) statistics.get(name)).longValue();
	}

	private static long type(Map<String, Object> statistics, String type) {
		return ((Number) ((Map<?, ?>) statistics.get("byType")).get(type)).longValue();
	}

}
