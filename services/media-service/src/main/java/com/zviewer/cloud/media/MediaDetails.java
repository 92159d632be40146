package com.zviewer.cloud.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a user says about a media item, checked and normalised: title (required, at most
 * {@code zviewer.media.max-title-length} characters as the setting is now), description, categories (lower case,
 * without repeats) and the original file name, which is only metadata and must be a plain name.
 */
record MediaDetails(String title, String description, List<String> categories, String filename) {

	static final int MAX_DESCRIPTION_LENGTH = 5000;

	static final int MAX_CATEGORIES = 20;

	static final int MAX_CATEGORY_LENGTH = 50;

	static final int MAX_FILENAME_LENGTH = 255;

	private static final Pattern CATEGORY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*");

	static MediaDetails of(String title, String description, Collection<String> categories, String filename,
			MediaProperties properties) {
		return new MediaDetails(title(title, properties), description(description), categories(categories),
				filename(filename));
	}

	static String title(String title, MediaProperties properties) {
		String stripped = (title != null) ? title.strip() : "";
		if (stripped.isEmpty()) {
			throw Problems.badRequest("A title is required");
		}
		int maxTitleLength = properties.getMaxTitleLength();
		if (stripped.length() > maxTitleLength) {
			throw Problems.badRequest("The title is longer than " + maxTitleLength + " characters");
		}
		return stripped;
	}

	/** The description, or {@code null} for none (blank clears it). */
	static String description(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String stripped = description.strip();
		if (stripped.length() > MAX_DESCRIPTION_LENGTH) {
			throw Problems.badRequest("The description is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
		}
		return stripped;
	}

	/** Categories given as a list, or as comma-separated values (a form field), lower case and each once. */
	static List<String> categories(Collection<String> categories) {
		if (categories == null) {
			return List.of();
		}
		Set<String> normalised = new LinkedHashSet<>();
		for (String value : categories) {
			if (value == null) {
				throw Problems.badRequest("A category must not be null");
			}
			for (String category : value.split(",")) {
				String stripped = category.strip().toLowerCase(Locale.ROOT);
				if (stripped.isEmpty()) {
					continue;
				}
				if (stripped.length() > MAX_CATEGORY_LENGTH || !CATEGORY.matcher(stripped).matches()) {
					throw Problems.badRequest("A category is at most " + MAX_CATEGORY_LENGTH
							+ " letters, digits, spaces, '-' or '_': '" + abbreviate(stripped) + "' is not");
				}
				normalised.add(stripped);
			}
		}
		if (normalised.size() > MAX_CATEGORIES) {
			throw Problems.badRequest("At most " + MAX_CATEGORIES + " categories");
		}
		return new ArrayList<>(normalised);
	}

	/**
	 * The original file name, or {@code null}. It never becomes a storage path, but a name with a directory part, a
	 * control character or a dot-only name is refused rather than silently changed.
	 */
	static String filename(String filename) {
		if (filename == null || filename.isBlank()) {
			return null;
		}
		String stripped = filename.strip();
		if (stripped.length() > MAX_FILENAME_LENGTH) {
			throw Problems.badRequest("The file name is longer than " + MAX_FILENAME_LENGTH + " characters");
		}
		boolean control = stripped.chars().anyMatch((c) -> c < 0x20 || c == 0x7F);
		if (control || stripped.contains("/") || stripped.contains("\\") || stripped.replace(".", "").isEmpty()) {
			throw Problems.badRequest("The file name must be a plain name, without directories");
		}
		return stripped;
	}

	private static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
	}

}
