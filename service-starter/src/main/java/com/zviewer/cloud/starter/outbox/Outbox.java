package com.zviewer.cloud.starter.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A transactional outbox for events announced on RabbitMQ topic exchanges: an event is a row of
 * {@code outbox_events} (each service creates the table in its own Flyway migrations), inserted with {@link #add} in
 * the transaction of the change it announces, so it exists exactly when the change does, whether or not RabbitMQ is up.
 * {@link #publishDue()} (called every few seconds by the {@link OutboxRelay}, and at once after a change through
 * {@link #wakeUp()}) claims due events with {@code FOR UPDATE SKIP LOCKED} and a lease, so that any number of replicas
 * can publish side by side, publishes them as persistent JSON messages (message id the event's UUID) with publisher
 * confirms on a connection of its own, deletes them once RabbitMQ has confirmed them, and otherwise tries again later,
 * waiting twice as long each time up to a maximum. A replica that dies while publishing leaves its claim to expire:
 * events are delivered at least once.
 * <p>
 * Hand-written rather than Spring Modulith's event publication registry: its AMQP externalization module is not
 * available from the registry this project builds from, and its JDBC registry connects to the database while the
 * application context starts, which the image build's training run (no database) does not allow.
 *
 * @see OutboxAutoConfiguration
 */
public class Outbox implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Outbox.class);

	private static final int BATCH = 100;

	/** How long a claim holds: longer than a batch can take to publish and be confirmed. */
	private static final Duration LEASE = Duration.ofMinutes(1);

	private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

	private static final int CONNECTION_TIMEOUT_MILLIS = 5_000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RabbitConnectionFactoryBeanConfigurer rabbitConfigurer;

	private final CachingConnectionFactoryConfigurer connectionFactoryConfigurer;

	private final String applicationId;

	private final Supplier<Duration> maxRetryDelay;

	private final ReentrantLock publishing = new ReentrantLock();

	private CachingConnectionFactory connectionFactory;

	private RabbitTemplate rabbit;

	/**
	 * @param jdbc the application's database, with the {@code outbox_events} table
	 * @param json writes the events
	 * @param rabbitConfigurer RabbitMQ as Spring Boot configures it
	 * @param connectionFactoryConfigurer the connection cache as Spring Boot configures it
	 * @param applicationId the {@code app-id} of the messages
	 * @param maxRetryDelay longest wait between two attempts, read at each failure
	 */
	public Outbox(JdbcClient jdbc, JsonMapper json, RabbitConnectionFactoryBeanConfigurer rabbitConfigurer,
			CachingConnectionFactoryConfigurer connectionFactoryConfigurer, String applicationId,
			Supplier<Duration> maxRetryDelay) {
		this.jdbc = jdbc;
		this.json = json;
		this.rabbitConfigurer = rabbitConfigurer;
		this.connectionFactoryConfigurer = connectionFactoryConfigurer;
		this.applicationId = applicationId;
		this.maxRetryDelay = maxRetryDelay;
	}

	/**
	 * Records an event to publish on a topic exchange; must be called in the transaction of the change it announces.
	 * The message type is the event's simple class name. Publishing starts as soon as the transaction has committed.
	 */
	public void add(String exchange, String routingKey, Object event) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("An outbox event belongs in the transaction of its change");
		}
		this.jdbc
			.sql("INSERT INTO outbox_events (event_id, exchange, routing_key, event_type, payload) "
					+ "VALUES (:id, :exchange, :routingKey, :type, :payload)")
			.param("id", UUID.randomUUID())
			.param("exchange", exchange)
			.param("routingKey", routingKey)
			.param("type", event.getClass().getSimpleName())
			.param("payload", this.json.writeValueAsString(event))
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				wakeUp();
			}

		});
	}

	/** Publishes what is due now, in the background. */
	public void wakeUp() {
		Thread.ofVirtual().name("outbox-publisher").start(this::publishDue);
	}

	/** Publishes every due event, batch after batch, unless another thread of this replica is already at it. */
	public void publishDue() {
		if (!this.publishing.tryLock()) {
			return;
		}
		try {
			List<Event> batch;
			do {
				batch = claim();
			}
			while (!batch.isEmpty() && publish(batch) && batch.size() == BATCH);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not publish outbox events, will try again: {}", ex.toString());
		}
		finally {
			this.publishing.unlock();
		}
	}

	/** Events due, claimed for this replica for the length of the lease. */
	private List<Event> claim() {
		return this.jdbc.sql("""
				UPDATE outbox_events
				SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => :lease)
				WHERE id IN (SELECT id FROM outbox_events WHERE next_attempt_at <= now() ORDER BY id LIMIT :batch
				             FOR UPDATE SKIP LOCKED)
				RETURNING id, event_id, exchange, routing_key, event_type, payload, attempts, created_at
				""")
			.param("lease", LEASE.toSeconds())
			.param("batch", BATCH)
			.query((row, number) -> new Event(row.getLong("id"), row.getObject("event_id", UUID.class),
					row.getString("exchange"), row.getString("routing_key"), row.getString("event_type"),
					row.getString("payload"), row.getInt("attempts"), row.getTimestamp("created_at").toInstant()))
			.list()
			.stream()
			.sorted((a, b) -> Long.compare(a.id(), b.id()))
			.toList();
	}

	/** Publishes a batch and waits for RabbitMQ to confirm it; true if it did. */
	private boolean publish(List<Event> batch) {
		List<Long> ids = batch.stream().map(Event::id).toList();
		try {
			rabbit().invoke((operations) -> {
				Set<String> exchanges = new LinkedHashSet<>();
				batch.forEach((event) -> exchanges.add(event.exchange()));
				operations.execute((channel) -> {
					for (String exchange : exchanges) {
						channel.exchangeDeclare(exchange, "topic", true);
					}
					return null;
				});
				for (Event event : batch) {
					operations.send(event.exchange(), event.routingKey(), message(event));
				}
				operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
				return null;
			});
		}
		catch (RuntimeException ex) {
			int attempts = batch.stream().mapToInt(Event::attempts).max().orElse(1);
			Duration delay = retryDelay(attempts);
			logger.warn("Could not publish {} event(s) to RabbitMQ (attempt {}), next attempt in {}: {}",
					batch.size(), attempts, delay, ex.toString());
			this.jdbc
				.sql("UPDATE outbox_events SET next_attempt_at = :next, last_error = :error WHERE id IN (:ids)")
				.param("next", Timestamp.from(Instant.now().plus(delay)))
				.param("error", abbreviate(ex.toString()))
				.param("ids", ids)
				.update();
			return false;
		}
		this.jdbc.sql("DELETE FROM outbox_events WHERE id IN (:ids)").param("ids", ids).update();
		logger.debug("Published {} event(s)", batch.size());
		return true;
	}

	private Duration retryDelay(int attempts) {
		Duration max = this.maxRetryDelay.get();
		Duration delay = Duration.ofSeconds(1L << Math.min(attempts - 1, 20));
		return (delay.compareTo(max) > 0) ? max : delay;
	}

	private Message message(Event event) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding(StandardCharsets.UTF_8.name());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(event.eventId().toString());
		properties.setType(event.type());
		properties.setTimestamp(Date.from(event.createdAt()));
		properties.setAppId(this.applicationId);
		return new Message(event.payload().getBytes(StandardCharsets.UTF_8), properties);
	}

	/**
	 * A connection of the outbox's own, as Spring Boot configures RabbitMQ but with simple publisher confirms, made at
	 * first use: the shared connection factory (Spring Cloud Bus uses it too) stays as it is.
	 */
	private synchronized RabbitTemplate rabbit() {
		if (this.rabbit == null) {
			try {
				RabbitConnectionFactoryBean factoryBean = new RabbitConnectionFactoryBean();
				this.rabbitConfigurer.configure(factoryBean);
				factoryBean.afterPropertiesSet();
				CachingConnectionFactory factory = new CachingConnectionFactory(factoryBean.getObject());
				this.connectionFactoryConfigurer.configure(factory);
				factory.setPublisherConfirmType(ConfirmType.SIMPLE);
				factory.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
				factory.setConnectionNameStrategy((connectionFactory) -> this.applicationId + " outbox");
				this.connectionFactory = factory;
				this.rabbit = new RabbitTemplate(factory);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot configure the RabbitMQ connection of the outbox", ex);
			}
		}
		return this.rabbit;
	}

	@Override
	public synchronized void destroy() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 1000) ? text.substring(0, 1000) : text;
	}

	private record Event(long id, UUID eventId, String exchange, String routingKey, String type, String payload,
			int attempts, Instant createdAt) {
	}

}
