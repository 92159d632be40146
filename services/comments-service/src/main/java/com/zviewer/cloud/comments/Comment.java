package com.zviewer.cloud.comments;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "comments")
public class Comment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long mediaId;

	private String author;

	private String body;

	private Instant createdAt;

	protected Comment() {
	}

	Comment(long mediaId, String author, String body) {
		this.mediaId = mediaId;
		this.author = author;
		this.body = body;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public long getMediaId() {
		return this.mediaId;
	}

	public String getAuthor() {
		return this.author;
	}

	public String getBody() {
		return this.body;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
