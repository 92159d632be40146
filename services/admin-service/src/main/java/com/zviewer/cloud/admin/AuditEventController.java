package com.zviewer.cloud.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit log. Admin-only access and the actions it records come with the administration issue. */
@RestController
@RequestMapping("/api/admin/audit-events")
class AuditEventController {

	private final AuditEventRepository events;

	AuditEventController(AuditEventRepository events) {
		this.events = events;
	}

	@PostMapping
	ResponseEntity<AuditEvent> record(@Valid @RequestBody NewAuditEvent request) {
		AuditEvent event = this.events.save(AuditEvent.create(request.actor(), request.action(), request.target()));
		return ResponseEntity.status(201).body(event);
	}

	@GetMapping
	PagedModel<AuditEvent> list(@PageableDefault(sort = "id", direction = Direction.DESC) Pageable pageable) {
		return new PagedModel<>(this.events.findAll(pageable));
	}

	record NewAuditEvent(@NotBlank @Size(max = 100) String actor, @NotBlank @Size(max = 100) String action,
			@NotBlank @Size(max = 200) String target) {
	}

}
