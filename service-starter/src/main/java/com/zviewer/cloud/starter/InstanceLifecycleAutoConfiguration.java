package com.zviewer.cloud.starter;

import java.time.Duration;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Ties an instance's life in Eureka to its readiness, so that no caller is sent to it before it can serve or after it
 * has begun to stop.
 * <ul>
 * <li>It registers as STARTING ({@code eureka.instance.initial-status}) and turns UP only when Spring Boot declares it
 * ready to accept traffic, after the web server listens and the application has started.</li>
 * <li>When it stops, Spring Boot declares it refusing traffic and it turns DOWN; it then keeps serving for
 * {@code zviewer.shutdown.drain-delay}, long enough for every caller to fetch the registry without it, before the web
 * server's graceful shutdown finishes the requests in flight. The Eureka client cancels the registration last.</li>
 * </ul>
 * Every status change reaches the Eureka server at once (the client's on-demand update). Spring Cloud's
 * auto-registration is meant to be off ({@code spring.cloud.service-registry.auto-registration.enabled=false}): it
 * would set the initial status again, and de-register and re-register the instance on every configuration refresh.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration")
@ConditionalOnClass(ApplicationInfoManager.class)
@ConditionalOnBean(ApplicationInfoManager.class)
public class InstanceLifecycleAutoConfiguration {

	private static final Log logger = LogFactory.getLog(InstanceLifecycleAutoConfiguration.class);

	/**
	 * DOWN rather than OUT_OF_SERVICE when not ready: the Eureka server keeps an existing registration's UP over an
	 * OUT_OF_SERVICE that the instance reports itself (that status is meant for operators' overrides), but takes DOWN.
	 */
	@Bean
	ApplicationListener<AvailabilityChangeEvent<ReadinessState>> readinessToEurekaStatus(
			ApplicationInfoManager applicationInfoManager) {
		return (event) -> {
			InstanceStatus status = (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) ? InstanceStatus.UP
					: InstanceStatus.DOWN;
			logger.info("Readiness " + event.getState() + ": Eureka status " + status);
			applicationInfoManager.setInstanceStatus(status);
		};
	}

	@Bean
	DrainBeforeShutdown drainBeforeShutdown(@Value("${zviewer.shutdown.drain-delay:0s}") Duration drainDelay) {
		return new DrainBeforeShutdown(drainDelay);
	}

	/**
	 * Stops first of all lifecycles (the highest phase), so the web server still accepts requests while the registry
	 * forgets this instance.
	 */
	static final class DrainBeforeShutdown implements SmartLifecycle {

		private final Duration delay;

		private volatile boolean running;

		DrainBeforeShutdown(Duration delay) {
			this.delay = delay;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			if (this.running && this.delay.isPositive()) {
				logger.info("Draining: out of the registry, still serving for " + this.delay);
				try {
					Thread.sleep(this.delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MAX_VALUE;
		}

	}

}
