package com.zviewer.cloud.gateway;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
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
