package com.zviewer.cloud.media;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.zviewer.cloud.media.MediaItem.MediaType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Media metadata. Upload, storage, streaming and thumbnails come with the media issue. */
@RestController
@RequestMapping("/api/media")
class MediaController {

	private final MediaItemRepository media;

	private final MediaProperties properties;

	MediaController(MediaItemRepository media, MediaProperties properties) {
		this.media = media;
		this.properties = properties;
	}

	@PostMapping
	ResponseEntity<MediaItem> create(@Valid @RequestBody NewMedia request) {
		String title = request.title().strip();
		int maxTitleLength = this.properties.getMaxTitleLength();
		if (title.length() > maxTitleLength) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The title is longer than " + maxTitleLength + " characters");
		}
		MediaItem item = this.media.save(MediaItem.create(title, request.mediaType()));
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(item.id()))
			.body(item);
	}

	@GetMapping("/{id}")
	MediaItem get(@PathVariable long id) {
		return this.media.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No media item with id " + id));
	}

	@GetMapping
	PagedModel<MediaItem> list(@PageableDefault(sort = "id", direction = Direction.DESC) Pageable pageable) {
		return new PagedModel<>(this.media.findAll(pageable));
	}

	record NewMedia(@NotBlank @Size(max = 200) String title, @NotNull MediaType mediaType) {
	}

}
