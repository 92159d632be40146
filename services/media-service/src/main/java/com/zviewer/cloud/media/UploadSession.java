package com.zviewer.cloud.media;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

/**
 * A resumable upload, a row of {@code upload_sessions}: what the user announced (size, file name, the metadata of the
 * media item to be), how many bytes the part file holds, and how it ended. Any replica can continue it, and a restart
 * loses nothing: the bytes are in the part file on the shared storage, their count here.
 */
record UploadSession(UUID id, long ownerId, String filename, String title, String description,
		List<String> categories, long totalSize, long receivedBytes, String contentType, Status status, String failure,
		Long mediaId, Instant createdAt, Instant updatedAt, Instant expiresAt) {

	static final RowMapper<UploadSession> ROW_MAPPER = UploadSession::map;

	/** ACTIVE while bytes are expected; COMPLETED once it became a media item; FAILED if the file was refused. */
	enum Status {

		ACTIVE, COMPLETED, FAILED

	}

	MediaDetails details() {
		return new MediaDetails(this.title, this.description, this.categories, this.filename);
	}

	boolean isComplete() {
		return this.receivedBytes == this.totalSize;
	}

	private static UploadSession map(ResultSet row, int number) throws SQLException {
		long mediaId = row.getLong("media_id");
		Long media = row.wasNull() ? null : mediaId;
		return new UploadSession(row.getObject("id", UUID.class), row.getLong("owner_id"), row.getString("filename"),
				row.getString("title"), row.getString("description"), strings(row.getArray("categories")),
				row.getLong("total_size"), row.getLong("received_bytes"), row.getString("content_type"),
				Status.valueOf(row.getString("status")), row.getString("failure"), media,
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
				row.getTimestamp("expires_at").toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

}
