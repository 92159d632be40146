package com.zviewer.cloud.payments;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests made idempotent by their {@code Idempotency-Key}: the first request with a key of a user (for one
 * operation) runs, and its answer (status, body, location) is stored with the key in the same transaction as what it
 * did; every repeat gets that answer again, and a repeat whose body differs a 422 problem. The key is claimed by an
 * insert into {@code idempotency_keys}, whose primary key makes a concurrent repeat wait (on any replica) until the
 * first has committed, and then answer as it did: nothing is charged twice. A request that fails (a 4xx problem) rolls
 * back and leaves the key unused.
 */
@Component
class IdempotentRequests {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final PaymentsProperties properties;

	IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json,
			PaymentsProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Runs the action once per key, in a transaction.
	 * @param userId whose key it is
	 * @param operation what the request does (keys are per user and operation)
	 * @param key the Idempotency-Key
	 * @param request what identifies the request: repeats must have an equal one (serialised as JSON and hashed)
	 * @param action what the request does, in the transaction
	 * @return the answer, the first one's for a repeat
	 */
	ResponseEntity<String> execute(long userId, String operation, String key, Object request,
			Supplier<Answer> action) {
		String hash = hash(this.json.writeValueAsString(request));
		return this.transactions.execute((transaction) -> {
			int claimed = this.jdbc
				.sql("INSERT INTO idempotency_keys (user_id, operation, idempotency_key, request_hash, "
						+ "response_status, response_body) VALUES (:user, :operation, :key, :hash, 0, '') "
						+ "ON CONFLICT DO NOTHING")
				.param("user", userId)
				.param("operation", operation)
				.param("key", key)
				.param("hash", hash)
				.update();
			if (claimed == 0) {
				return replay(userId, operation, key, hash);
			}
			Answer answer = action.get();
			String body = this.json.writeValueAsString(answer.body());
			this.jdbc
				.sql("UPDATE idempotency_keys SET response_status = :status, response_body = :body, "
						+ "response_location = :location WHERE user_id = :user AND operation = :operation "
						+ "AND idempotency_key = :key")
				.param("status", answer.status().value())
				.param("body", body)
				.param("location", (answer.location() != null) ? answer.location().toString() : null)
				.param("user", userId)
				.param("operation", operation)
				.param("key", key)
				.update();
			return response(answer.status().value(), body, answer.location(), false);
		});
	}

	private ResponseEntity<String> replay(long userId, String operation, String key, String hash) {
		StoredAnswer stored = this.jdbc
			.sql("SELECT request_hash, response_status, response_body, response_location FROM idempotency_keys "
					+ "WHERE user_id = :user AND operation = :operation AND idempotency_key = :key")
			.param("user", userId)
			.param("operation", operation)
			.param("key", key)
			.query((row, number) -> new StoredAnswer(row.getString("request_hash"), row.getInt("response_status"),
					row.getString("response_body"), row.getString("response_location")))
			.single();
		if (!stored.requestHash().equals(hash)) {
			throw Problems.unprocessable("The Idempotency-Key " + key
					+ " was already used for a different request; use a new key for a new request");
		}
		return response(stored.status(), stored.body(),
				(stored.location() != null) ? URI.create(stored.location()) : null, true);
	}

	private static ResponseEntity<String> response(int status, String body, URI location, boolean replayed) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
		if (location != null) {
			builder.location(location);
		}
		if (replayed) {
			builder.header(REPLAYED_HEADER, "true");
		}
		return builder.body(body);
	}

	/** Forgets keys older than the retention, every hour on every replica. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void forgetOldKeys() {
		this.jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :seconds)")
			.param("seconds", this.properties.getIdempotency().getRetention().toSeconds())
			.update();
	}

	private static String hash(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What the first request answered. */
	record Answer(HttpStatus status, Object body, URI location) {
	}

	private record StoredAnswer(String requestHash, int status, String body, String location) {
	}

}
