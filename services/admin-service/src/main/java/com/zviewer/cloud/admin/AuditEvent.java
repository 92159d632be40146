package com.zviewer.cloud.admin;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One entry of the audit log. Never updated: the table's trigger refuses it. */
@Table("audit_events")
public record AuditEvent(@Id Long id, String actor, String action, String target, Instant occurredAt) {

	static AuditEvent create(String actor, String action, String target) {
		return new AuditEvent(null, actor, action, target, Instant.now());
	}

}
