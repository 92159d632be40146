package com.zviewer.cloud.starter;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * Keeps the machinery of the system itself out of metrics and traces: requests to the actuator (Prometheus scrapes
 * every instance every few seconds, Docker checks its health every ten) and the Eureka client's calls to the registry
 * (a heartbeat and a registry fetch every few seconds) would otherwise be most of the traces in Zipkin and of the
 * request rates in Grafana, and bury the requests users make. The actuator is still scraped and answers as before;
 * only its observations are skipped.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationPredicate.class)
public class ObservationScopeAutoConfiguration {

	static final String ACTUATOR = "/actuator";

	static final String EUREKA = "/eureka/";

	@Bean
	ObservationPredicate systemRequestsObservationPredicate() {
		return ObservationScopeAutoConfiguration::isObserved;
	}

	static boolean isObserved(String name, Observation.Context context) {
		if (context instanceof org.springframework.http.server.observation.ServerRequestObservationContext servlet) {
			return !servlet.getCarrier().getRequestURI().startsWith(ACTUATOR);
		}
		if (context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactive) {
			return !reactive.getCarrier().getPath().value().startsWith(ACTUATOR);
		}
		if (context instanceof ClientRequestObservationContext client && client.getCarrier() != null) {
			String path = client.getCarrier().getURI().getPath();
			return path == null || !path.contains(EUREKA);
		}
		return true;
	}

}
