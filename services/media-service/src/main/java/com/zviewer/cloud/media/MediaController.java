package com.zviewer.cloud.media;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.zviewer.cloud.media.MediaItem.MediaStatus;
import com.zviewer.cloud.media.MediaItem.MediaType;
import com.zviewer.cloud.media.MediaItem.ThumbnailStatus;
import com.zviewer.cloud.media.MediaSearch.Criteria;
import com.zviewer.cloud.media.MediaService.MediaUpdate;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.core.io.Resource;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Media items: upload (multipart), metadata, listing and search, moderation, deletion, and streaming of the file and
 * its thumbnail. Resumable uploads are {@link UploadController}'s.
 */
@RestController
@RequestMapping("/api/media")
class MediaController {

	/** Room for the form fields and part headers of a multipart upload beside its file. */
	static final long MULTIPART_OVERHEAD = 64 * 1024;

	private final MediaService media;

	private final MediaSearch search;

	private final MediaStorage storage;

	private final MediaProperties properties;

	private final MediaStatistics statistics;

	MediaController(MediaService media, MediaSearch search, MediaStorage storage, MediaProperties properties,
			MediaStatistics statistics) {
		this.media = media;
		this.search = search;
		this.storage = storage;
		this.properties = properties;
		this.statistics = statistics;
	}

	/**
	 * Uploads a file ({@code file} part) with its {@code title}, {@code description} and {@code categories} (repeated
	 * or comma-separated). The request's Content-Length is checked against the largest file and the quota before the
	 * body is read (multipart parsing is lazy, see config-repo/media-service.yml); the file is then streamed to
	 * storage, never held in memory.
	 */
	@PostMapping(consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<MediaView> upload(Caller caller, MultipartHttpServletRequest request) throws IOException {
		long ownerId = caller.requireUserId();
		this.storage.checkWritable();
		long announced = request.getContentLengthLong();
		if (announced > 0) {
			this.media.checkAnnouncedSize(ownerId, Math.max(0, announced - MULTIPART_OVERHEAD));
		}
		MultipartFile file = request.getFile("file");
		if (file == null) {
			throw Problems.badRequest("The file part is missing");
		}
		MediaDetails details = MediaDetails.of(request.getParameter("title"), request.getParameter("description"),
				categories(request.getParameterValues("categories")), file.getOriginalFilename(), this.properties);
		if (file.isEmpty()) {
			throw Problems.badRequest("The file is empty");
		}
		MediaItem item = this.media.upload(ownerId, details, file.getSize(), file::getInputStream);
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(item.id()))
			.body(MediaView.of(item));
	}

	/**
	 * Statistics for staff: items that exist now, their bytes and types, and items created per UTC day from
	 * {@code from} to {@code to} (ISO dates, both inclusive; by default the last 30 days).
	 */
	@GetMapping("/statistics")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	MediaStatistics.Statistics statistics(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return this.statistics.of(from, to);
	}

	@GetMapping("/{id}")
	MediaView get(@PathVariable long id, Caller caller) {
		return MediaView.of(this.media.get(id, caller));
	}

	/**
	 * Lists what the caller may see, newest first unless sorted by {@code createdAt}, {@code updatedAt},
	 * {@code title}, {@code size} or {@code id}; at most 100 a page.
	 */
	@GetMapping
	PagedModel<MediaView> list(Caller caller, @RequestParam(required = false) MediaType type,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) String category,
			@RequestParam(required = false) MediaStatus status, @RequestParam(required = false) String q,
			@PageableDefault(sort = "createdAt", direction = Direction.DESC) Pageable pageable) {
		Criteria criteria = new Criteria(type, owner, category, status, q);
		return new PagedModel<>(this.search.search(caller, criteria, pageable).map(MediaView::of));
	}

	/** Changes title, description ("" removes it) and categories; what is left out stays. */
	@PatchMapping(path = "/{id}", consumes = { org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
			"application/merge-patch+json" })
	@PreAuthorize("isAuthenticated()")
	MediaView update(@PathVariable long id, Caller caller, @RequestBody MediaUpdate update) {
		return MediaView.of(this.media.update(id, caller, update));
	}

	/** Approves or rejects (with a reason) an item. */
	@PutMapping("/{id}/moderation")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	MediaView moderate(@PathVariable long id, Caller caller, @Valid @RequestBody Moderation moderation) {
		return MediaView.of(this.media.moderate(id, caller, moderation.status(), moderation.reason()));
	}

	/** Deletes the item, its file and thumbnail, and announces {@link MediaDeleted}. */
	@DeleteMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, Caller caller) {
		this.media.delete(id, caller);
	}

	/** The file, with Range requests for seeking and conditional requests for caches. */
	@GetMapping("/{id}/content")
	ResponseEntity<Resource> content(@PathVariable long id, Caller caller, HttpMethod method,
			@RequestHeader HttpHeaders headers) throws IOException {
		MediaItem item = this.media.get(id, caller);
		Resource file = this.storage.find(item.storageKey())
			.orElseThrow(() -> Problems.notFound("file of media item", id));
		return ContentResponses.of(method, headers, file, item.contentType(), item.contentHash(), item.createdAt(),
				item.originalFilename(), cacheControl(item));
	}

	/** The thumbnail, once its status is READY. */
	@GetMapping("/{id}/thumbnail")
	ResponseEntity<Resource> thumbnail(@PathVariable long id, Caller caller, HttpMethod method,
			@RequestHeader HttpHeaders headers) throws IOException {
		MediaItem item = this.media.get(id, caller);
		if (item.thumbnailStatus() != ThumbnailStatus.READY) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Media item " + id + " has no thumbnail: its thumbnail status is " + item.thumbnailStatus());
		}
		Resource file = this.storage.find(item.thumbnailKey())
			.orElseThrow(() -> Problems.notFound("thumbnail of media item", id));
		return ContentResponses.of(method, headers, file, item.thumbnailContentType(), item.thumbnailHash(),
				item.thumbnailCreatedAt(), null, cacheControl(item));
	}

	/** Revalidated every time (moderation can hide an item); private unless anyone may see it. */
	private static CacheControl cacheControl(MediaItem item) {
		CacheControl noCache = CacheControl.noCache();
		return (item.status() == MediaStatus.APPROVED) ? noCache.cachePublic() : noCache.cachePrivate();
	}

	private static List<String> categories(String[] values) {
		return (values != null) ? List.of(values) : new ArrayList<>();
	}

	record Moderation(@NotNull MediaStatus status, @Size(max = 1000) String reason) {
	}

}
