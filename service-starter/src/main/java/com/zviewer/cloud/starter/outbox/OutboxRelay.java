package com.zviewer.cloud.starter.outbox;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * Publishes due {@link Outbox} events every poll interval, on every replica, from the first interval after the
 * application has started until it stops. Schedules on a scheduler of its own, so that it runs whether or not the
 * application enables scheduling, and leaves the application's scheduler as it is.
 */
public class OutboxRelay implements SmartLifecycle {

	private final Outbox outbox;

	private final Duration pollInterval;

	private SimpleAsyncTaskScheduler scheduler;

	public OutboxRelay(Outbox outbox, Duration pollInterval) {
		this.outbox = outbox;
		this.pollInterval = pollInterval;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
			scheduler.setThreadNamePrefix("outbox-relay-");
			scheduler.setVirtualThreads(true);
			scheduler.scheduleWithFixedDelay(this.outbox::publishDue, Instant.now().plus(this.pollInterval),
					this.pollInterval);
			this.scheduler = scheduler;
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.close();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
