package com.zviewer.cloud.media;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Checking and normalising what users say about their media. */
class MediaDetailsTests {

	@Test
	void keepsPlainFileNamesAndRefusesPaths() {
		assertThat(MediaDetails.filename(" Holiday 2024 (1).JPG ")).isEqualTo("Holiday 2024 (1).JPG");
		assertThat(MediaDetails.filename("a..b.png")).isEqualTo("a..b.png");
		assertThat(MediaDetails.filename(null)).isNull();
		for (String name : List.of("../secret", "a/b.png", "..\\b.png", ".", "..", "a\nb.png", "x".repeat(256))) {
			assertThatExceptionOfType(ResponseStatusException.class).as(name)
				.isThrownBy(() -> MediaDetails.filename(name));
		}
	}

	@Test
	void normalisesCategories() {
		assertThat(MediaDetails.categories(List.of("Sea, Holiday", " sea", "", "b w"))).containsExactly("sea",
				"holiday", "b w");
		assertThat(MediaDetails.categories(null)).isEmpty();
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> MediaDetails.categories(List.of("a;drop table")));
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> MediaDetails.categories(List.of("x".repeat(51))));
		List<String> many = IntStream.range(0, 21).mapToObj((i) -> "c" + i).toList();
		assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(() -> MediaDetails.categories(many));
	}

	@Test
	void readsTheTitleLimitAsItIsNow() {
		MediaProperties properties = new MediaProperties();
		properties.setMaxTitleLength(5);
		assertThat(MediaDetails.title(" Short ", properties)).isEqualTo("Short");
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> MediaDetails.title("Longer", properties))
			.withMessageContaining("The title is longer than 5 characters");
		assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(() -> MediaDetails.title(" ", properties));
	}

}
