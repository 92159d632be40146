package com.zviewer.cloud.media;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.zviewer.cloud.media.UploadService.ContentRange;
import com.zviewer.cloud.media.UploadService.Progress;
import com.zviewer.cloud.media.UploadSession.Status;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Resumable uploads. {@code POST /api/media/uploads} announces a file (JSON: filename, size, title, description,
 * categories) and answers 201 with its Location; {@code PUT} on it sends a part, the raw bytes of
 * {@code Content-Range: bytes start-end/total}, which must start where the upload stands (409 with
 * {@value #UPLOAD_OFFSET} otherwise); {@code GET} or {@code HEAD} tells how far it is ({@value #UPLOAD_OFFSET} and
 * {@value #UPLOAD_LENGTH} headers, and JSON). The part with the last byte answers 201 with the new media item;
 * {@code POST .../complete} does the same again if that answer was lost. {@code DELETE} cancels it.
 */
@RestController
@RequestMapping("/api/media/uploads")
@PreAuthorize("isAuthenticated()")
class UploadController {

	/** Bytes received so far: where the next part starts. */
	static final String UPLOAD_OFFSET = "Upload-Offset";

	/** The announced size of the file. */
	static final String UPLOAD_LENGTH = "Upload-Length";

	private final UploadService uploads;

	private final MediaProperties properties;

	UploadController(UploadService uploads, MediaProperties properties) {
		this.uploads = uploads;
		this.properties = properties;
	}

	@PostMapping
	ResponseEntity<UploadView> create(Caller caller, @Valid @RequestBody NewUpload request) {
		MediaDetails details = MediaDetails.of(request.title(), request.description(), request.categories(),
				request.filename(), this.properties);
		UploadSession session = this.uploads.create(caller.requireUserId(), details.filename(), request.size(),
				details);
		return progress(ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(session.id())), session);
	}

	@GetMapping("/{id}")
	ResponseEntity<UploadView> progress(@PathVariable UUID id, Caller caller) {
		return progress(ResponseEntity.ok(), this.uploads.get(id, caller));
	}

	@PutMapping("/{id}")
	ResponseEntity<?> receive(@PathVariable UUID id, Caller caller,
			@RequestHeader(name = HttpHeaders.CONTENT_RANGE, required = false) String contentRange,
			HttpServletRequest request) throws IOException {
		ContentRange range = ContentRange.parse(contentRange);
		Progress progress = this.uploads.receive(id, caller, range, request.getContentLengthLong(),
				request.getInputStream());
		return answer(progress);
	}

	@PostMapping("/{id}/complete")
	ResponseEntity<?> complete(@PathVariable UUID id, Caller caller) throws IOException {
		return answer(this.uploads.complete(id, caller));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@PathVariable UUID id, Caller caller) throws IOException {
		this.uploads.cancel(id, caller);
	}

	/** The media item (with its Location) once complete, else the progress. */
	private static ResponseEntity<?> answer(Progress progress) {
		if (progress.item() != null) {
			return ResponseEntity.status(progress.completedNow() ? HttpStatus.CREATED : HttpStatus.OK)
				.location(ServletUriComponentsBuilder.fromCurrentContextPath()
					.path("/api/media/{id}")
					.build(progress.item().id()))
				.header(UPLOAD_OFFSET, Long.toString(progress.session().receivedBytes()))
				.header(UPLOAD_LENGTH, Long.toString(progress.session().totalSize()))
				.cacheControl(CacheControl.noStore())
				.body(MediaView.of(progress.item()));
		}
		return progress(ResponseEntity.ok(), progress.session());
	}

	private static ResponseEntity<UploadView> progress(ResponseEntity.BodyBuilder answer, UploadSession session) {
		return answer.header(UPLOAD_OFFSET, Long.toString(session.receivedBytes()))
			.header(UPLOAD_LENGTH, Long.toString(session.totalSize()))
			.cacheControl(CacheControl.noStore())
			.body(UploadView.of(session));
	}

	record NewUpload(@NotBlank String filename, @NotNull Long size, @NotBlank String title, String description,
			List<String> categories) {
	}

	/** An upload as the API shows it. */
	record UploadView(UUID id, String filename, String title, long size, long receivedBytes, String contentType,
			Status status, String failure, Long mediaId, String mediaUrl, Instant createdAt, Instant updatedAt,
			Instant expiresAt) {

		static UploadView of(UploadSession session) {
			return new UploadView(session.id(), session.filename(), session.title(), session.totalSize(),
					session.receivedBytes(), session.contentType(), session.status(), session.failure(),
					session.mediaId(), (session.mediaId() != null) ? "/api/media/" + session.mediaId() : null,
					session.createdAt(), session.updatedAt(), session.expiresAt());
		}

	}

}
