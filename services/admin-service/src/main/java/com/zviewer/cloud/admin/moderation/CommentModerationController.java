package com.zviewer.cloud.admin.moderation;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.zviewer.cloud.admin.audit.AuditLog;
import com.zviewer.cloud.admin.remote.RemoteService;

/**
 * Comment moderation for administrators: the queue of flagged comments, showing a comment again or removing it, and
 * deleting it. Everything goes through comments-service with the administrator's own token; every change
 * comments-service accepts is written to the audit log, and nothing else is.
 */
@RestController
@RequestMapping("/api/admin/comments")
@PreAuthorize("hasRole('ADMIN')")
class CommentModerationController {

	static final String MODERATED = "comment.moderated";

	static final String DELETED = "comment.deleted";

	private final CommentsServiceModeration comments;

	private final AuditLog auditLog;

	CommentModerationController(CommentsServiceModeration comments, AuditLog auditLog) {
		this.comments = comments;
		this.auditLog = auditLog;
	}

	/** The comments flagged for moderation, oldest first. */
	@GetMapping("/flagged")
	RemoteService.Page<CommentView> flagged(@AuthenticationPrincipal Jwt admin,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.comments.flagged(admin, page, size);
	}

	/** Shows a comment again, or removes it with a reason. */
	@PutMapping("/{id}/moderation")
	CommentView moderate(@AuthenticationPrincipal Jwt admin, @PathVariable @Positive long id,
			@Valid @RequestBody Decision decision) {
		String reason = null;
		if (decision.status() == CommentStatus.REMOVED) {
			if (decision.reason() == null || decision.reason().isBlank()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Say why the comment is REMOVED");
			}
			reason = decision.reason().strip();
		}
		CommentView comment = this.comments.moderate(admin, id, decision.status(), reason);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", comment.status());
		if (reason != null) {
			details.put("reason", reason);
		}
		this.auditLog.record(admin, MODERATED, CommentView.target(id), details);
		return comment;
	}

	/**
	 * Deletes a comment (comments-service keeps it, marked deleted). comments-service answers a repeated deletion as
	 * the first, so each is audited.
	 */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal Jwt admin, @PathVariable @Positive long id) {
		this.comments.delete(admin, id);
		this.auditLog.record(admin, DELETED, CommentView.target(id), null);
	}

	/**
	 * A decision on a comment.
	 *
	 * @param status {@code VISIBLE} or {@code REMOVED}
	 * @param reason why; required for {@code REMOVED}, left out for {@code VISIBLE}
	 */
	record Decision(@NotNull CommentStatus status, @Size(max = 1000) String reason) {

	}

}
