package com.zviewer.cloud.comments;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.zviewer.cloud.comments.Comment.CommentStatus;
import com.zviewer.cloud.comments.CommentQueries.Statistics;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.web.PagedModel;
import org.springframework.data.web.SortDefault;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Comments on media items: threads of replies, edits, soft deletion, reports, the moderation queue, counts and
 * statistics. Authors are the signed-in callers themselves; an author named in a request body is ignored.
 */
@RestController
@RequestMapping("/api/comments")
class CommentController {

	/** Most media items one count request may name. */
	static final int MAX_COUNTED_MEDIA = 100;

	/** Longest range of days the statistics cover. */
	static final int MAX_STATISTICS_DAYS = 366;

	private final CommentService comments;

	private final CommentQueries queries;

	private final CommentReports reports;

	CommentController(CommentService comments, CommentQueries queries, CommentReports reports) {
		this.comments = comments;
		this.queries = queries;
		this.reports = reports;
	}

	/** Writes a comment on a media item, or a reply when {@code parentId} names a comment of the same item. */
	@PostMapping
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<CommentView> create(Caller caller, @Valid @RequestBody NewComment request) {
		Comment parent = null;
		if (request.parentId() != null) {
			parent = this.comments.findShown(request.parentId(), caller)
				.filter((found) -> found.mediaId() == request.mediaId())
				.orElseThrow(() -> Problems.unprocessable(
						"No comment " + request.parentId() + " on media item " + request.mediaId() + " that you can see"));
		}
		return created(caller, this.comments.create(caller, request.mediaId(), parent, request.text()));
	}

	/** Replies to a comment, on the same media item. */
	@PostMapping("/{id}/replies")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<CommentView> reply(@PathVariable long id, Caller caller, @Valid @RequestBody NewReply request) {
		Comment parent = this.comments.get(id, caller);
		return created(caller, this.comments.create(caller, parent.mediaId(), parent, request.text()));
	}

	private static ResponseEntity<CommentView> created(Caller caller, Comment comment) {
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentContextPath()
				.path("/api/comments/{id}")
				.build(comment.id()))
			.body(CommentView.of(comment, caller));
	}

	/** The top-level comments of a media item, newest first unless sorted by {@code createdAt} or {@code id}. */
	@GetMapping
	@PreAuthorize("permitAll()")
	PagedModel<CommentView> listByMedia(Caller caller, @RequestParam @Positive long mediaId,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@SortDefault(sort = "createdAt", direction = Direction.DESC) Sort sort) {
		return view(this.queries.byMedia(mediaId, caller, PageRequest.of(page, size, sort)), caller);
	}

	@GetMapping("/{id}")
	@PreAuthorize("permitAll()")
	CommentView get(@PathVariable long id, Caller caller) {
		return CommentView.of(this.comments.get(id, caller), caller);
	}

	/** The direct replies of a comment, oldest first unless sorted otherwise. */
	@GetMapping("/{id}/replies")
	@PreAuthorize("permitAll()")
	PagedModel<CommentView> replies(@PathVariable long id, Caller caller,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@SortDefault(sort = "createdAt", direction = Direction.ASC) Sort sort) {
		this.comments.get(id, caller);
		return view(this.queries.replies(id, caller, PageRequest.of(page, size, sort)), caller);
	}

	/** Changes the text (its author, while VISIBLE or FLAGGED); marks it edited. */
	@PatchMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	CommentView edit(@PathVariable long id, Caller caller, @Valid @RequestBody Edit request) {
		return CommentView.of(this.comments.edit(id, caller, request.text()), caller);
	}

	/** Soft-deletes a comment: its author, moderators and admins; again is 204 too. */
	@DeleteMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, Caller caller) {
		this.comments.delete(id, caller);
	}

	/** Reports a comment the caller can read (once per user, not one's own). */
	@PostMapping("/{id}/reports")
	@PreAuthorize("isAuthenticated()")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void report(@PathVariable long id, Caller caller, @Valid @RequestBody Report request) {
		this.comments.report(id, caller, request.reason());
	}

	/** The reports of a comment, oldest first. */
	@GetMapping("/{id}/reports")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	List<CommentReports.ReportView> reports(@PathVariable long id) {
		return this.reports.of(id);
	}

	/** Sets a comment VISIBLE, or REMOVED with a reason. */
	@PutMapping("/{id}/moderation")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	CommentView moderate(@PathVariable long id, Caller caller, @Valid @RequestBody Moderation request) {
		return CommentView.of(this.comments.moderate(id, caller, request.status(), request.reason()), caller);
	}

	/** The moderation queue: FLAGGED comments, longest waiting first. */
	@GetMapping("/moderation")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	PagedModel<CommentView> moderationQueue(Caller caller, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return view(this.queries.flagged(PageRequest.of(page, size)), caller);
	}

	/** VISIBLE comments (replies included) of each media item named, as {@code {"1":5,"2":0}}. */
	@GetMapping("/counts")
	@PreAuthorize("permitAll()")
	Map<String, Long> countsByMedia(@RequestParam("mediaId") List<@Positive Long> mediaIds) {
		if (mediaIds.size() > MAX_COUNTED_MEDIA) {
			throw Problems.badRequest("At most " + MAX_COUNTED_MEDIA + " media items can be counted at once");
		}
		return this.queries.countsByMedia(mediaIds.stream().distinct().toList());
	}

	/** VISIBLE comments of a user. */
	@GetMapping("/counts/users/{userId}")
	@PreAuthorize("permitAll()")
	UserCount countByUser(@PathVariable @Size(max = 100) String userId) {
		return new UserCount(userId, this.queries.countByAuthor(userId));
	}

	/**
	 * Comments not deleted, and comments written per UTC day from {@code from} to {@code to} (both included; by default
	 * the 30 days up to today), with each status's count.
	 */
	@GetMapping("/statistics")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	Statistics statistics(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
		LocalDate last = (to != null) ? to : LocalDate.now(ZoneOffset.UTC);
		LocalDate first = (from != null) ? from : last.minusDays(29);
		if (first.isAfter(last)) {
			throw Problems.badRequest("from (" + first + ") is after to (" + last + ")");
		}
		if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_STATISTICS_DAYS) {
			throw Problems.badRequest("The range covers more than " + MAX_STATISTICS_DAYS + " days");
		}
		return this.queries.statistics(first, last);
	}

	private static PagedModel<CommentView> view(Page<Comment> page, Caller caller) {
		return new PagedModel<>(page.map((comment) -> CommentView.of(comment, caller)));
	}

	/** A new comment; an author given here is ignored (the author is the caller). */
	record NewComment(@NotNull @Positive Long mediaId, @Positive Long parentId, @NotNull String text) {
	}

	record NewReply(@NotNull String text) {
	}

	record Edit(@NotNull String text) {
	}

	record Report(@NotNull String reason) {
	}

	record Moderation(@NotNull CommentStatus status, String reason) {
	}

	record UserCount(String userId, long count) {
	}

}
