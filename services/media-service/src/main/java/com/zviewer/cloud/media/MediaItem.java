package com.zviewer.cloud.media;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("media_items")
public record MediaItem(@Id Long id, String title, MediaType mediaType, Instant createdAt) {

	public enum MediaType {

		IMAGE, VIDEO

	}

	static MediaItem create(String title, MediaType mediaType) {
		return new MediaItem(null, title, mediaType, Instant.now());
	}

}
