package com.zviewer.cloud.auth.albums;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An album: an owner's ordered selection of media items (kept by id; the items live in media-service), with a cover
 * among them. Drafts and archived albums, and private ones, are seen only by their owner and by staff.
 */
@Table("albums")
public record Album(@Id Long id, long ownerId, String title, String description, Status status,
		Visibility visibility, Long coverMediaId, Instant createdAt, Instant updatedAt, @Version Integer version,
		@MappedCollection(idColumn = "album_id", keyColumn = "position") List<Item> items) {

	public enum Status {

		DRAFT, PUBLISHED, ARCHIVED

	}

	public enum Visibility {

		PUBLIC, PRIVATE

	}

	/** A media item in an album; its place is its index in {@link Album#items()}. */
	@Table("album_items")
	public record Item(long mediaId, Instant addedAt) {
	}

	static Album create(long ownerId, String title, String description, Status status, Visibility visibility) {
		Instant now = Instant.now();
		return new Album(null, ownerId, title, description, status, visibility, null, now, now, null, List.of());
	}

	boolean publiclyVisible() {
		return this.status == Status.PUBLISHED && this.visibility == Visibility.PUBLIC;
	}

	boolean contains(long mediaId) {
		return this.items.stream().anyMatch((item) -> item.mediaId() == mediaId);
	}

	Album with(String title, String description, Status status, Visibility visibility) {
		return new Album(this.id, this.ownerId, title, description, status, visibility, this.coverMediaId,
				this.createdAt, Instant.now(), this.version, this.items);
	}

	Album withCover(Long mediaId) {
		return new Album(this.id, this.ownerId, this.title, this.description, this.status, this.visibility, mediaId,
				this.createdAt, Instant.now(), this.version, this.items);
	}

	Album withItems(List<Item> items) {
		Long cover = (this.coverMediaId != null
				&& items.stream().anyMatch((item) -> item.mediaId() == this.coverMediaId)) ? this.coverMediaId : null;
		return new Album(this.id, this.ownerId, this.title, this.description, this.status, this.visibility, cover,
				this.createdAt, Instant.now(), this.version, List.copyOf(items));
	}

	Album withItemAdded(long mediaId, Integer position) {
		List<Item> items = new ArrayList<>(this.items);
		int at = (position == null) ? items.size() : Math.min(position, items.size());
		items.add(at, new Item(mediaId, Instant.now()));
		return withItems(items);
	}

	Album withItemRemoved(long mediaId) {
		return withItems(this.items.stream().filter((item) -> item.mediaId() != mediaId).toList());
	}

}
