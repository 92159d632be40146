package com.zviewer.cloud.media;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "media_items")
public class MediaItem {

	public enum MediaType {

		IMAGE, VIDEO

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String title;

	@Enumerated(EnumType.STRING)
	private MediaType mediaType;

	private Instant createdAt;

	protected MediaItem() {
	}

	MediaItem(String title, MediaType mediaType) {
		this.title = title;
		this.mediaType = mediaType;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public MediaType getMediaType() {
		return this.mediaType;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
