package com.zviewer.cloud.admin.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One entry of the audit log: who did what to which target, and when. Never updated: the table's trigger refuses it.
 *
 * @param id the entry's number, ascending in the order entries were written
 * @param actor who acted, as {@code user:<id>} for an administrator
 * @param actorName the actor's display name at the time, if known
 * @param action what was done, for example {@code user.status.changed}
 * @param target what it was done to, for example {@code user:42}
 * @param details what changed, as a JSON object (written as such, not as a string), if anything is to be said
 * @param occurredAt when it was done
 */
@Table("audit_events")
public record AuditEvent(@Id Long id, String actor, String actorName, String action, String target,
		@JsonRawValue String details, Instant occurredAt) {

}
