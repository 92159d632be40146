package com.zviewer.cloud.admin.moderation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.zviewer.cloud.admin.audit.AuditLog;
import com.zviewer.cloud.admin.remote.RemoteService;

/**
 * Content moderation for administrators: the queue of media items waiting for a decision, and decisions on one item
 * or on many at once. Everything goes through media-service with the administrator's own token; every decision
 * media-service accepts is written to the audit log, and nothing else is.
 */
@RestController
@RequestMapping("/api/admin/media")
@PreAuthorize("hasRole('ADMIN')")
class MediaModerationController {

	static final String MODERATED = "media.moderated";

	/** The most items one bulk request may decide on. */
	static final int MAX_BULK_IDS = 100;

	private final MediaServiceModeration media;

	private final AuditLog auditLog;

	MediaModerationController(MediaServiceModeration media, AuditLog auditLog) {
		this.media = media;
		this.auditLog = auditLog;
	}

	/** The items with the given status ({@code PENDING}, the moderation queue, by default), oldest first. */
	@GetMapping
	RemoteService.Page<MediaView> list(@AuthenticationPrincipal Jwt admin,
			@RequestParam(defaultValue = "PENDING") MediaStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.media.list(admin, status, page, size);
	}

	/** Approves an item, or rejects it with a reason. */
	@PutMapping("/{id}/moderation")
	MediaView moderate(@AuthenticationPrincipal Jwt admin, @PathVariable @Positive long id,
			@Valid @RequestBody Decision decision) {
		String reason = decision.checkedReason();
		return moderate(admin, id, decision.status(), reason, false);
	}

	/**
	 * Decides on up to {@value #MAX_BULK_IDS} items at once, one after the other, and answers what became of each: an
	 * item media-service refuses or fails on does not stop the others. Once media-service cannot be reached (503, after
	 * up to the client's timeouts) the remaining items are not tried, so that the request ends in bounded time. Each
	 * decision that took effect is audited on its own.
	 */
	@PostMapping("/moderation")
	BulkResults moderateAll(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody BulkDecision decision) {
		String reason = new Decision(decision.status(), decision.reason()).checkedReason();
		Set<Long> seen = new HashSet<>();
		for (Long id : decision.ids()) {
			if (!seen.add(id)) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Media item " + id + " is listed twice");
			}
		}
		List<Outcome> results = new ArrayList<>();
		ResponseStatusException unreachable = null;
		for (long id : decision.ids()) {
			if (unreachable != null) {
				results.add(new Outcome(id, Outcome.FAILED, unreachable.getStatusCode().value(),
						"Not tried: " + unreachable.getReason()));
				continue;
			}
			try {
				moderate(admin, id, decision.status(), reason, true);
				results.add(new Outcome(id, Outcome.DONE, null, null));
			}
			catch (ResponseStatusException ex) {
				results.add(new Outcome(id, Outcome.FAILED, ex.getStatusCode().value(), ex.getReason()));
				if (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
					unreachable = ex;
				}
			}
		}
		return new BulkResults(results);
	}

	private MediaView moderate(Jwt admin, long id, MediaDecision status, String reason, boolean bulk) {
		MediaView item = this.media.moderate(admin, id, status, reason);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", item.status());
		if (item.rejectionReason() != null) {
			details.put("reason", item.rejectionReason());
		}
		if (bulk) {
			details.put("bulk", true);
		}
		this.auditLog.record(admin, MODERATED, MediaView.target(id), details);
		return item;
	}

	/**
	 * A decision on one item.
	 *
	 * @param status {@code APPROVED} or {@code REJECTED}
	 * @param reason why; required for {@code REJECTED}, left out for {@code APPROVED}
	 */
	record Decision(@NotNull MediaDecision status, @Size(max = 1000) String reason) {

		/** The reason to pass on: stripped for a rejection, which needs one; none for an approval. */
		String checkedReason() {
			if (this.status == MediaDecision.APPROVED) {
				return null;
			}
			if (this.reason == null || this.reason.isBlank()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Say why the media is REJECTED");
			}
			return this.reason.strip();
		}

	}

	/**
	 * One decision on many items.
	 *
	 * @param ids the items, each at most once, at most {@value MediaModerationController#MAX_BULK_IDS}
	 * @param status {@code APPROVED} or {@code REJECTED}
	 * @param reason why; required for {@code REJECTED}
	 */
	record BulkDecision(@NotEmpty @Size(max = MAX_BULK_IDS) List<@NotNull @Positive Long> ids,
			@NotNull MediaDecision status, @Size(max = 1000) String reason) {

	}

	/**
	 * What became of each item of a bulk decision, in the order of the request.
	 *
	 * @param results one per id
	 */
	record BulkResults(List<Outcome> results) {

	}

	/**
	 * What became of one item.
	 *
	 * @param id the item
	 * @param outcome {@code DONE} or {@code FAILED}
	 * @param status when it failed, the status media-service's answer (or its absence) maps to, as for a single item
	 * @param detail when it failed, why
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Outcome(long id, String outcome, Integer status, String detail) {

		static final String DONE = "DONE";

		static final String FAILED = "FAILED";

	}

}
