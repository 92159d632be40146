package com.zviewer.cloud.admin.audit;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit log, for administrators to read and search. It cannot be written from outside: entries come from
 * admin-service's own actions (see {@link AuditLog}).
 */
@RestController
@RequestMapping("/api/admin/audit-events")
@PreAuthorize("hasRole('ADMIN')")
class AuditEventController {

	private final AuditLog auditLog;

	AuditEventController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	/**
	 * Newest first. Every filter given must match: {@code actor}, {@code action} and {@code target} exactly,
	 * {@code from} (inclusive) and {@code to} (exclusive) as ISO-8601 instants such as {@code 2026-01-31T12:00:00Z}.
	 */
	@GetMapping
	PagedModel<AuditEvent> search(@RequestParam(required = false) @Size(max = 100) String actor,
			@RequestParam(required = false) @Size(max = 100) String action,
			@RequestParam(required = false) @Size(max = 200) String target,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		if (from != null && to != null && from.isAfter(to)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must not be after 'to'");
		}
		AuditLog.Filter filter = new AuditLog.Filter(blankToNull(actor), blankToNull(action), blankToNull(target),
				from, to);
		return new PagedModel<>(
				this.auditLog.search(filter, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"))));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
