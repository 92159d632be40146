package com.zviewer.cloud.admin;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

@Entity
@Immutable
@Table(name = "audit_events")
public class AuditEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String actor;

	private String action;

	private String target;

	private Instant occurredAt;

	protected AuditEvent() {
	}

	AuditEvent(String actor, String action, String target) {
		this.actor = actor;
		this.action = action;
		this.target = target;
		this.occurredAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public String getActor() {
		return this.actor;
	}

	public String getAction() {
		return this.action;
	}

	public String getTarget() {
		return this.target;
	}

	public Instant getOccurredAt() {
		return this.occurredAt;
	}

}
