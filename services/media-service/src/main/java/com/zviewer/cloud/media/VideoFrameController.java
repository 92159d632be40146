package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.zviewer.cloud.media.Images.Thumbnail;
import com.zviewer.cloud.media.Images.UnusableImageException;
import com.zviewer.cloud.media.MediaStorage.ContentTooLargeException;
import com.zviewer.cloud.media.MediaStorage.StagedFile;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What video-thumbnailer uses to answer a {@link VideoFrameRequested}: the original of a video whose thumbnail is
 * pending (with Range requests, so ffmpeg can seek, for example to the index at the end of an MP4), and where the
 * frame goes. No user token: the ticket of the request, in the {@value #TICKET_HEADER} header, is the credential,
 * valid for that one video while its thumbnail is pending. Inside the system only: the gateway routes no
 * {@code /internal/} path.
 */
@RestController
@RequestMapping("/internal/media/{id}")
@Validated
class VideoFrameController {

	static final String TICKET_HEADER = "Thumbnail-Ticket";

	private final JdbcClient jdbc;

	private final MediaStorage storage;

	private final ThumbnailWorker thumbnails;

	private final MediaProperties properties;

	VideoFrameController(JdbcClient jdbc, MediaStorage storage, ThumbnailWorker thumbnails,
			MediaProperties properties) {
		this.jdbc = jdbc;
		this.storage = storage;
		this.thumbnails = thumbnails;
		this.properties = properties;
	}

	/** The original video, streamed with Range and conditional requests. */
	@GetMapping("/frame-source")
	ResponseEntity<Resource> source(@PathVariable long id, @RequestHeader(TICKET_HEADER) String ticket,
			HttpMethod method, @RequestHeader HttpHeaders headers) throws IOException {
		Pending video = pending(id, ticket);
		Resource file = this.storage.find(video.storageKey())
			.orElseThrow(() -> Problems.notFound("file of media item", id));
		return ContentResponses.of(method, headers, file, video.contentType(), video.contentHash(),
				video.createdAt(), null, CacheControl.noStore());
	}

	/**
	 * The frame, as a JPEG or PNG of any size up to {@code max-frame-size}: it is decoded and made into a thumbnail
	 * here like an uploaded image's, so what is stored is always this service's own thumbnail. 204 once stored; 403
	 * when the thumbnail is no longer pending (a repeated request was answered first).
	 */
	@PutMapping(path = "/thumbnail", consumes = { MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE })
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void thumbnail(@PathVariable long id, @RequestHeader(TICKET_HEADER) String ticket,
			@RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType, HttpServletRequest request)
			throws IOException {
		Pending video = pending(id, ticket);
		MediaProperties.Thumbnails settings = this.properties.getThumbnails();
		long limit = settings.getMaxFrameSize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw Problems.tooLarge("The frame", limit);
		}
		MediaFormat format = MediaType.IMAGE_PNG.isCompatibleWith(contentType) ? MediaFormat.PNG : MediaFormat.JPEG;
		Thumbnail thumbnail;
		try (InputStream body = request.getInputStream(); StagedFile frame = this.storage.stage(body, limit)) {
			thumbnail = Images.thumbnail(frame.resource(), format, settings.getSize(), settings.getMaxPixels());
		}
		catch (ContentTooLargeException ex) {
			throw Problems.tooLarge("The frame", limit);
		}
		catch (UnusableImageException ex) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"The frame is not a usable " + format + " image: " + ex.getMessage());
		}
		if (!this.thumbnails.store(id, video.storageKey(), thumbnail)) {
			throw noTicket(id);
		}
	}

	/** No frame can be taken from the video (ffmpeg cannot decode it): its thumbnail status becomes FAILED. */
	@PutMapping(path = "/thumbnail-failure", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void failure(@PathVariable long id, @RequestHeader(TICKET_HEADER) String ticket,
			@RequestBody @Validated Failure failure) {
		pending(id, ticket);
		this.thumbnails.failed(id, "video-thumbnailer: " + failure.reason());
	}

	/** The video whose thumbnail is pending with this ticket; 403 otherwise, whether or not the item exists. */
	private Pending pending(long id, String ticket) {
		return this.jdbc.sql("""
				SELECT storage_key, content_type, content_hash, created_at, thumbnail_ticket FROM media_items
				WHERE id = :id AND media_type = 'VIDEO' AND thumbnail_status = 'PENDING'
				  AND thumbnail_ticket IS NOT NULL
				""")
			.param("id", id)
			.query((row, number) -> new Pending(row.getString("storage_key"), row.getString("content_type"),
					row.getString("content_hash"), row.getTimestamp("created_at").toInstant(),
					row.getString("thumbnail_ticket")))
			.optional()
			.filter((video) -> MessageDigest.isEqual(video.ticket().getBytes(StandardCharsets.US_ASCII),
					ticket.getBytes(StandardCharsets.US_ASCII)))
			.orElseThrow(() -> noTicket(id));
	}

	private static ResponseStatusException noTicket(long id) {
		return Problems.forbidden("The ticket is not valid for media item " + id
				+ ": the item does not exist, its thumbnail is no longer pending, or the ticket is another's");
	}

	private record Pending(String storageKey, String contentType, String contentHash, Instant createdAt,
			String ticket) {
	}

	/** Why no frame could be taken. */
	record Failure(@NotBlank @Size(max = 500) String reason) {
	}

}
