package com.zviewer.cloud.gateway;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Sends a request to another instance when it never left the gateway: the connection to the instance the load
 * balancer chose could not be opened (refused, timed out, no route: an instance that is gone but still listed), and
 * not one byte of the request body was read. Such a request is safe to send again whatever its method, since no
 * instance saw it, and it needs no copy of the body: the body is still unread. Unlike the {@code Retry} filter, which
 * keeps every body in memory, this one suits uploads of any size. Once the body has been read, nothing is retried.
 *
 * <pre>
 * filters:
 *   - name: RetryUnsent
 *     args:
 *       retries: 3
 *       methods: POST,PATCH   # all when not given
 * </pre>
 */
@Component
class RetryUnsentGatewayFilterFactory extends AbstractGatewayFilterFactory<RetryUnsentGatewayFilterFactory.Config> {

	RetryUnsentGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("retries");
	}

	@Override
	public GatewayFilter apply(Config config) {
		return (exchange, chain) -> {
			if (!config.getMethods().isEmpty() && !config.getMethods().contains(exchange.getRequest().getMethod())) {
				return chain.filter(exchange);
			}
			// Whether the body was read is noted per attempt by UpstreamAttemptsFilter.
			return Mono.defer(() -> chain.filter(exchange))
				.retryWhen(Retry.backoff(config.getRetries(), config.getFirstBackoff())
					.maxBackoff(config.getMaxBackoff())
					.filter((failure) -> !UpstreamAttemptsFilter.requestLeft(exchange) && neverConnected(failure))
					.doBeforeRetry((signal) -> ServerWebExchangeUtils.reset(exchange))
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
		};
	}

	private static boolean neverConnected(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// Netty's connect time-out is a ConnectException too.
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	/** How often and how soon to try another instance. */
	public static class Config {

		private int retries = 3;

		private List<HttpMethod> methods = List.of();

		private Duration firstBackoff = Duration.ofMillis(20);

		private Duration maxBackoff = Duration.ofMillis(200);

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public List<HttpMethod> getMethods() {
			return this.methods;
		}

		public void setMethods(List<HttpMethod> methods) {
			this.methods = methods;
		}

		public Duration getFirstBackoff() {
			return this.firstBackoff;
		}

		public void setFirstBackoff(Duration firstBackoff) {
			this.firstBackoff = firstBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

}
