package com.zviewer.cloud.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts every attempt to reach an instance, per route, as {@code zviewer_gateway_upstream_attempts_total}. It runs
 * after the Retry filters, once per attempt, so attempts minus requests is the number of retries.
 * <p>
 * It also notes where the latest attempt stands: for {@link RetryUnsentGatewayFilterFactory}, whether the request
 * left the gateway, and for {@link AbandonedRequests}, where a request stood that the client gave up on.
 */
@Component
class UpstreamAttemptsFilter implements GlobalFilter, Ordered {

	private static final String ATTEMPT = UpstreamAttemptsFilter.class.getName() + ".attempt";

	private final MeterRegistry meterRegistry;

	UpstreamAttemptsFilter(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null) {
			Counter.builder("zviewer.gateway.upstream.attempts")
				.description("Attempts to send a request to an instance, retries included")
				.tag("route", route.getId())
				.register(this.meterRegistry)
				.increment();
		}
		Attempt attempt = new Attempt(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR),
				System.nanoTime(), new AtomicLong());
		exchange.getAttributes().put(ATTEMPT, attempt);
		// The routing filter reads the body once the connection to the instance is open, to send it.
		return chain.filter(exchange.mutate().request(new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody()
					.doOnSubscribe((subscription) -> attempt.sent().compareAndSet(0, System.nanoTime()));
			}

		}).build());
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

	/** Whether the latest attempt began to send the request: its body was read, so an instance may have acted. */
	static boolean requestLeft(ServerWebExchange exchange) {
		Attempt attempt = exchange.getAttribute(ATTEMPT);
		return attempt != null && attempt.sent().get() != 0;
	}

	/** The instance an attempt went to, when it began and when the request left for it (0 until then). */
	record Attempt(URI instance, long start, AtomicLong sent) {

	}

	/**
	 * Reports a request the client gave up on (its connection closed) before an instance answered: which instance
	 * the gateway was waiting for, and whether the request had reached it or was still waiting for a connection. The
	 * access log shows the same request without a status; this line says where it stood.
	 */
	@Component
	static class AbandonedRequests implements WebFilter, Ordered {

		private static final Log logger = LogFactory.getLog(AbandonedRequests.class);

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			// In a tap, which restores the request's trace into the logging context.
			return chain.filter(exchange).tap(() -> new DefaultSignalListener<>() {

				@Override
				public void doOnCancel() {
					Attempt attempt = exchange.getAttribute(ATTEMPT);
					if (attempt != null && exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) == null) {
						logger.warn(describe(exchange, attempt));
					}
				}

			});
		}

		private static String describe(ServerWebExchange exchange, Attempt attempt) {
			Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
			long now = System.nanoTime();
			long sent = attempt.sent().get();
			return "%s %s: the client gave up %d ms into the attempt on %s (route %s): %s".formatted(
					exchange.getRequest().getMethod(), exchange.getRequest().getPath(), millis(now - attempt.start()),
					attempt.instance(), (route != null) ? route.getId() : "-",
					(sent != 0) ? "the request reached it " + millis(now - sent) + " ms before, no answer yet"
							: "no connection to it yet, the request had not left the gateway");
		}

		private static long millis(long nanos) {
			return Duration.ofNanos(nanos).toMillis();
		}

		@Override
		public int getOrder() {
			// Inside the access log, whose line for the request comes first.
			return Ordered.HIGHEST_PRECEDENCE + 20;
		}

	}

}
