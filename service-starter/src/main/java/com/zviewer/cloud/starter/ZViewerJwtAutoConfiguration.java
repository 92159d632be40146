package com.zviewer.cloud.starter;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.web.client.RestTemplate;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens for the gateway and the business services: access tokens are JWTs that auth-service signs with a key
 * only it holds, and every application checks signature, issuer and expiry itself against the key set auth-service
 * publishes, fetched through Eureka (any auth-service replica serves the same set). A token's subject is the user id and
 * its {@value ZViewerJwtProperties#ROLES_CLAIM} claim its roles, as {@code ROLE_USER}, {@code ROLE_MODERATOR},
 * {@code ROLE_ADMIN} authorities.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("zviewer.security.jwt.enabled")
public class ZViewerJwtAutoConfiguration {

	/** The checks every token passes besides its signature. */
	public static OAuth2TokenValidator<Jwt> validator(ZViewerJwtProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuer()),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, (subject) -> subject != null && !subject.isBlank()));
	}

	/** Subject as the principal's name, roles as authorities. */
	public static JwtAuthenticationConverter authenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(ZViewerJwtProperties.ROLES_CLAIM);
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@EnableMethodSecurity
	static class Servlet {

		@Bean
		@ConditionalOnMissingBean
		JwtDecoder jwtDecoder(ZViewerJwtProperties properties, LoadBalancerClient loadBalancer) {
			RestTemplate keySetClient = new RestTemplate();
			keySetClient.setInterceptors(List.of(new LoadBalancerInterceptor(loadBalancer)));
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
				.restOperations(keySetClient)
				.build();
			decoder.setJwtValidator(validator(properties));
			return decoder;
		}

		@Bean
		@ConditionalOnMissingBean
		JwtAuthenticationConverter jwtAuthenticationConverter() {
			return authenticationConverter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@EnableReactiveMethodSecurity
	static class Reactive {

		@Bean
		@ConditionalOnMissingBean
		ReactiveJwtDecoder reactiveJwtDecoder(ZViewerJwtProperties properties,
				ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
			return ReactiveJwtDecoders.loadBalanced(properties, loadBalancers);
		}

		@Bean
		@ConditionalOnMissingBean
		Converter<Jwt, Mono<AbstractAuthenticationToken>> reactiveJwtAuthenticationConverter() {
			return new ReactiveJwtAuthenticationConverterAdapter(authenticationConverter());
		}

	}

}
