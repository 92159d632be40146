package com.zviewer.cloud.gateway;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.zviewer.cloud.starter.ReactiveJwtDecoders;
import com.zviewer.cloud.starter.ZViewerJwtProperties;

@SpringBootApplication
public class ApiGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiGatewayApplication.class, args);
	}

	/**
	 * While Redis is unreachable, commands fail at once instead of queueing (without bound) for the reconnection: the
	 * revocation check then lets the request through on its token's signature.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * The gateway verifies every access token before routing (a bad, expired or revoked one gets 401 here and reaches
	 * no service) and passes valid ones on; the services verify them again themselves.
	 */
	@Bean
	ReactiveJwtDecoder reactiveJwtDecoder(ZViewerJwtProperties properties,
			ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers, ReactiveStringRedisTemplate redis,
			MeterRegistry meters) {
		return new RevocationCheckingJwtDecoder(ReactiveJwtDecoders.loadBalanced(properties, loadBalancers),
				redis, meters);
	}

}
