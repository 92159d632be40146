package com.zviewer.cloud.comments;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("comments")
public record Comment(@Id Long id, long mediaId, String author, String body, Instant createdAt) {

	static Comment create(long mediaId, String author, String body) {
		return new Comment(null, mediaId, author, body, Instant.now());
	}

}
