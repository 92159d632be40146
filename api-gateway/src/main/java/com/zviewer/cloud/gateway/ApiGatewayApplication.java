package com.zviewer.cloud.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.resolver.DefaultAddressResolverGroup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
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
	 * After Redis went away, Lettuce tries to reconnect every 2 s at the most (its default backs off to 30 s), and
	 * looks its name up with the JVM's resolver at each attempt. Its default, Netty's DNS resolver, keeps an answer for
	 * the record's TTL, 600 s from Docker's DNS: a Redis recreated at a new address stayed out of reach for minutes,
	 * and revoked tokens were accepted meanwhile.
	 */
	@Bean
	ClientResourcesBuilderCustomizer reconnectToRedisWhereverItIs() {
		return (resources) -> resources.addressResolverGroup(DefaultAddressResolverGroup.INSTANCE)
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
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
