package com.zviewer.cloud.starter;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Access-token decoders for reactive applications (the gateway). Apart from {@link ZViewerJwtAutoConfiguration}, so
 * that servlet applications, which have no WebClient, never load it.
 */
public final class ReactiveJwtDecoders {

	private ReactiveJwtDecoders() {
	}

	/** Fetches the key set through the load balancer and checks {@link ZViewerJwtAutoConfiguration#validator}. */
	public static NimbusReactiveJwtDecoder loadBalanced(ZViewerJwtProperties properties,
			ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		WebClient keySetClient = WebClient.builder()
			.filter(new ReactorLoadBalancerExchangeFilterFunction(loadBalancers, List.of()))
			.build();
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
			.webClient(keySetClient)
			.build();
		decoder.setJwtValidator(ZViewerJwtAutoConfiguration.validator(properties));
		return decoder;
	}

}
