package com.zviewer.cloud.admin.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The audit log of admin-service: every change an administrator makes through this service is recorded here, once the
 * service that owns the changed data has accepted it. Entries are only ever added; nothing outside this service can
 * write them.
 */
@Component
public class AuditLog {

	/** The access-token claim that carries the user's display name. */
	static final String NAME_CLAIM = "name";

	private static final int MAX_ACTOR_NAME = 100;

	private final AuditEventRepository events;

	private final JdbcAggregateOperations aggregates;

	private final JsonMapper json;

	AuditLog(AuditEventRepository events, JdbcAggregateOperations aggregates, JsonMapper json) {
		this.events = events;
		this.aggregates = aggregates;
		this.json = json;
	}

	/**
	 * Records that the administrator whose access token this is did {@code action} to {@code target}.
	 * @param admin the acting administrator's access token
	 * @param action what was done, for example {@code user.role.changed}
	 * @param target what it was done to, for example {@code user:42}
	 * @param details what changed, written as a JSON object; {@code null} or empty for nothing
	 * @return the entry as stored
	 */
	public AuditEvent record(Jwt admin, String action, String target, Map<String, ?> details) {
		String name = admin.getClaimAsString(NAME_CLAIM);
		if (name != null && name.length() > MAX_ACTOR_NAME) {
			name = name.substring(0, MAX_ACTOR_NAME);
		}
		String detailsJson = (details == null || details.isEmpty()) ? null : this.json.writeValueAsString(details);
		return this.events.save(new AuditEvent(null, actor(admin), name, action, target, detailsJson, Instant.now()));
	}

	/**
	 * Records, as {@link #record} does, a change that must appear in the log once only however often it is reported:
	 * a refund, by its {@code refundId} in the details (the unique index {@code audit_events_refund_once_idx}), when a
	 * retried request (same idempotency key) is answered with the refund already made.
	 * @return whether the entry was written ({@code false}: it was there already)
	 */
	public boolean recordOnce(Jwt admin, String action, String target, Map<String, ?> details) {
		try {
			record(admin, action, target, details);
			return true;
		}
		catch (DataAccessException ex) {
			// Spring Data JDBC wraps what the driver reported in a DbActionExecutionException.
			if (ex instanceof DuplicateKeyException || ex.getCause() instanceof DuplicateKeyException) {
				return false;
			}
			throw ex;
		}
	}

	/** How an administrator appears as the actor of an entry: {@code user:<id>}. */
	public static String actor(Jwt admin) {
		return "user:" + admin.getSubject();
	}

	/** The entries that match every given part of the filter, in the order of the pageable (newest first by default). */
	Page<AuditEvent> search(Filter filter, Pageable pageable) {
		List<Criteria> criteria = new ArrayList<>();
		if (filter.actor() != null) {
			criteria.add(Criteria.where("actor").is(filter.actor()));
		}
		if (filter.action() != null) {
			criteria.add(Criteria.where("action").is(filter.action()));
		}
		if (filter.target() != null) {
			criteria.add(Criteria.where("target").is(filter.target()));
		}
		if (filter.from() != null) {
			criteria.add(Criteria.where("occurredAt").greaterThanOrEquals(filter.from()));
		}
		if (filter.to() != null) {
			criteria.add(Criteria.where("occurredAt").lessThan(filter.to()));
		}
		return this.aggregates.findAll(Query.query(Criteria.from(criteria)), AuditEvent.class, pageable);
	}

	/**
	 * What to look for in the audit log; {@code null} parts match anything.
	 *
	 * @param actor exactly this actor
	 * @param action exactly this action
	 * @param target exactly this target
	 * @param from at or after this instant
	 * @param to before this instant
	 */
	record Filter(String actor, String action, String target, Instant from, Instant to) {

	}

}
