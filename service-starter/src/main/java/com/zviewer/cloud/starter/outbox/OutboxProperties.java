package com.zviewer.cloud.starter.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the transactional {@link Outbox} ({@code zviewer.outbox.*}). A JavaBean rather than a record, so that a
 * refresh of the environment rebinds it in place: the retry delay is read at each failure.
 */
@Validated
@ConfigurationProperties("zviewer.outbox")
public class OutboxProperties {

	/**
	 * Whether the application has an outbox: it needs a database with the {@code outbox_events} table, and RabbitMQ.
	 */
	private boolean enabled;

	/** How often each replica looks for due events (read at start). */
	@NotNull
	private Duration pollInterval = Duration.ofSeconds(2);

	/** Longest wait between two attempts to publish an event while RabbitMQ cannot be reached. */
	@NotNull
	private Duration maxRetryDelay = Duration.ofMinutes(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getMaxRetryDelay() {
		return this.maxRetryDelay;
	}

	public void setMaxRetryDelay(Duration maxRetryDelay) {
		this.maxRetryDelay = maxRetryDelay;
	}

}
