package com.zviewer.cloud.auth.albums;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.zviewer.cloud.auth.albums.Album.Status;
import com.zviewer.cloud.auth.albums.Album.Visibility;
import com.zviewer.cloud.starter.security.Caller;

/**
 * Albums. Anyone may list and read published public albums; owners manage their own and see them in any state;
 * administrators may change any album, moderators may read any.
 */
@RestController
@RequestMapping("/api/albums")
class AlbumController {

	/** Most media items one album holds. */
	static final int MAX_ITEMS = 1000;

	private final AlbumRepository albums;

	private final JdbcClient jdbc;

	private final MediaCatalog media;

	AlbumController(AlbumRepository albums, JdbcClient jdbc, MediaCatalog media) {
		this.albums = albums;
		this.jdbc = jdbc;
		this.media = media;
	}

	@PostMapping
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Album> create(Caller caller, @Valid @RequestBody NewAlbum request) {
		Album album = this.albums.save(Album.create(caller.requireUserId(), request.title().strip(),
				(request.description() != null) ? request.description().strip() : "",
				(request.status() != null) ? request.status() : Status.DRAFT,
				(request.visibility() != null) ? request.visibility() : Visibility.PRIVATE));
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(album.id()))
			.body(album);
	}

	/**
	 * Published public albums, newest first (optionally of one {@code owner}); with {@code mine=true}, the caller's own
	 * in any state (optionally of one {@code status}). {@code q} searches titles and descriptions.
	 */
	@GetMapping
	PagedModel<Album> list(Caller caller, @RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(required = false) @Positive Long owner, @RequestParam(required = false) Status status,
			@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (mine) {
			if (caller.isAnonymous()) {
				throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in to list your own albums");
			}
			conditions.add("owner_id = ?");
			params.add(caller.requireUserId());
			if (status != null) {
				conditions.add("status = ?");
				params.add(status.name());
			}
		}
		else {
			conditions.add("status = 'PUBLISHED' AND visibility = 'PUBLIC'");
			if (owner != null) {
				conditions.add("owner_id = ?");
				params.add(owner);
			}
		}
		if (q != null && !q.isBlank()) {
			conditions.add("search @@ websearch_to_tsquery('simple', ?)");
			params.add(q.strip());
		}
		String where = " WHERE " + String.join(" AND ", conditions);
		long total = this.jdbc.sql("SELECT count(*) FROM albums" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<Long> ids = this.jdbc.sql("SELECT id FROM albums" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
			.params(pageParams)
			.query(Long.class)
			.list();
		Map<Long, Album> found = this.albums.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(Album::id, Function.identity()));
		List<Album> content = ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
		return new PagedModel<>(new PageImpl<>(content, PageRequest.of(page, size), total));
	}

	@GetMapping("/{id}")
	Album get(Caller caller, @PathVariable long id) {
		return visible(caller, id);
	}

	@PatchMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	Album update(Caller caller, @PathVariable long id,
			@Valid @RequestBody AlbumUpdate request) {
		Album album = editable(caller, id);
		if (request.title() != null && request.title().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The title may not be blank");
		}
		return save(album.with((request.title() != null) ? request.title().strip() : album.title(),
				(request.description() != null) ? request.description().strip() : album.description(),
				(request.status() != null) ? request.status() : album.status(),
				(request.visibility() != null) ? request.visibility() : album.visibility()));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(Caller caller, @PathVariable long id) {
		this.albums.delete(editable(caller, id));
	}

	/** Adds a media item the caller can see, at the end or at {@code position}. */
	@PostMapping("/{id}/items")
	@PreAuthorize("isAuthenticated()")
	Album addItem(Caller caller, @PathVariable long id, @Valid @RequestBody NewItem request) {
		Album album = editable(caller, id);
		if (album.contains(request.mediaId())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Media item " + request.mediaId() + " is in this album already");
		}
		if (album.items().size() >= MAX_ITEMS) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "An album holds at most " + MAX_ITEMS + " items");
		}
		this.media.checkVisible(request.mediaId(), caller.accessToken());
		return save(album.withItemAdded(request.mediaId(), request.position()));
	}

	@DeleteMapping("/{id}/items/{mediaId}")
	@PreAuthorize("isAuthenticated()")
	Album removeItem(Caller caller, @PathVariable long id, @PathVariable long mediaId) {
		Album album = editable(caller, id);
		if (!album.contains(mediaId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Media item " + mediaId + " is not in this album");
		}
		return save(album.withItemRemoved(mediaId));
	}

	/** Puts the items in the given order, which must name each item of the album exactly once. */
	@PutMapping("/{id}/items")
	@PreAuthorize("isAuthenticated()")
	Album reorder(Caller caller, @PathVariable long id, @Valid @RequestBody Order request) {
		Album album = editable(caller, id);
		List<Long> current = album.items().stream().map(Album.Item::mediaId).toList();
		if (request.mediaIds().size() != current.size() || !new HashSet<>(request.mediaIds()).equals(new HashSet<>(current))) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The order must name every item of the album exactly once");
		}
		Map<Long, Album.Item> byId = album.items()
			.stream()
			.collect(Collectors.toMap(Album.Item::mediaId, Function.identity()));
		return save(album.withItems(request.mediaIds().stream().map(byId::get).toList()));
	}

	@PutMapping("/{id}/cover")
	@PreAuthorize("isAuthenticated()")
	Album setCover(Caller caller, @PathVariable long id, @Valid @RequestBody NewItem request) {
		Album album = editable(caller, id);
		if (!album.contains(request.mediaId())) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"The cover must be one of the album's items");
		}
		return save(album.withCover(request.mediaId()));
	}

	@DeleteMapping("/{id}/cover")
	@PreAuthorize("isAuthenticated()")
	Album removeCover(Caller caller, @PathVariable long id) {
		return save(editable(caller, id).withCover(null));
	}

	private Album save(Album album) {
		try {
			return this.albums.save(album);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"The album was changed by someone else meanwhile; read it again", ex);
		}
	}

	/** The album if the caller may see it; 404 otherwise, so that private albums do not reveal they exist. */
	private Album visible(Caller caller, long id) {
		Album album = this.albums.findById(id).orElseThrow(() -> notFound(id));
		if (album.publiclyVisible() || caller.is(album.ownerId()) || caller.isStaff()) {
			return album;
		}
		throw notFound(id);
	}

	private Album editable(Caller caller, long id) {
		Album album = visible(caller, id);
		if (!caller.is(album.ownerId()) && !caller.isAdmin()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the owner or an administrator may change this album");
		}
		return album;
	}

	private static ResponseStatusException notFound(long id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No album with id " + id);
	}

	record NewAlbum(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description, Status status,
			Visibility visibility) {
	}

	record AlbumUpdate(@Size(max = 200) String title, @Size(max = 2000) String description, Status status,
			Visibility visibility) {
	}

	record NewItem(@NotNull @Positive Long mediaId, @PositiveOrZero Integer position) {
	}

	record Order(@NotNull @Size(max = MAX_ITEMS) List<@NotNull Long> mediaIds) {
	}

}
