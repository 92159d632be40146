package com.zviewer.cloud.comments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Comments on media items. Threads, moderation and rate limits come with the comments issue. */
@RestController
@RequestMapping("/api/comments")
class CommentController {

	private final CommentRepository comments;

	CommentController(CommentRepository comments) {
		this.comments = comments;
	}

	@PostMapping
	ResponseEntity<Comment> create(@Valid @RequestBody NewComment request) {
		Comment comment = this.comments
			.save(Comment.create(request.mediaId(), request.author().strip(), request.body().strip()));
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(comment.id()))
			.body(comment);
	}

	@GetMapping("/{id}")
	Comment get(@PathVariable long id) {
		return this.comments.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No comment with id " + id));
	}

	@GetMapping
	PagedModel<Comment> listByMedia(@RequestParam long mediaId,
			@PageableDefault(sort = "id", direction = Direction.ASC) Pageable pageable) {
		return new PagedModel<>(this.comments.findByMediaId(mediaId, pageable));
	}

	record NewComment(@NotNull @Positive Long mediaId, @NotBlank @Size(max = 100) String author,
			@NotBlank @Size(max = 1000) String body) {
	}

}
