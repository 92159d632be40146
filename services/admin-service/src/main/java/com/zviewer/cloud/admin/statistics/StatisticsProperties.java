package com.zviewer.cloud.admin.statistics;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the statistics, from config-repo/admin-service.yml. A mutable bean, read on every request, so that a
 * change announced on the bus applies to the next request without a restart.
 */
@Validated
@ConfigurationProperties("zviewer.admin.statistics")
public class StatisticsProperties {

	/**
	 * How long the statistics wait for all services together; a service that has not answered by then is listed as
	 * unavailable.
	 */
	@NotNull
	private Duration timeout = Duration.ofSeconds(5);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
