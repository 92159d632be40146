package com.zviewer.cloud.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Counts every attempt to reach an instance, per route, as {@code zviewer_gateway_upstream_attempts_total}. It runs
 * after the Retry filters, once per attempt, so attempts minus requests is the number of retries.
 */
@Component
class UpstreamAttemptsFilter implements GlobalFilter, Ordered {

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
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

}
