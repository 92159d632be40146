package com.zviewer.cloud.starter;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Secure-by-default web security for every ZViewer application: the actuator answers health and info to anyone and
 * everything else (metrics, env, ...) only to the operator, over HTTP basic. Where {@code zviewer.security.require-authentication}
 * is set (Eureka, the config server) the whole application needs the operator's credentials. Where bearer tokens are
 * on (see {@link ZViewerJwtAutoConfiguration}) a request may carry an access token, which is then verified (a bad one
 * is refused with 401), and each endpoint says with {@code @PreAuthorize} who may call it. An application with other
 * needs replaces this part by declaring a bean named {@value #APPLICATION_CHAIN}.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@EnableConfigurationProperties({ ZViewerSecurityProperties.class, ZViewerJwtProperties.class })
public class ZViewerSecurityAutoConfiguration {

	/** Name of the filter chain that guards everything outside the actuator. */
	public static final String APPLICATION_CHAIN = "applicationSecurityFilterChain";

	private static final String ACTUATOR = "/actuator/**";

	private static final String[] PUBLIC_ACTUATOR = { "/actuator/health", "/actuator/health/**", "/actuator/info" };

	/**
	 * BCrypt at its lowest cost, 4: about 1 ms a check instead of about 70 ms at the default 10. Every Eureka
	 * heartbeat and registry fetch, every configuration fetch and every metrics scrape carries the operator's
	 * credentials, and at cost 10 checking them took about 30 % of a core on the Eureka server with eight clients. A
	 * slower hash would protect nothing here: the password itself is in the application's environment. What guards
	 * it is its length (production refuses the default ones). The user details services below are lookups only, not
	 * Spring Security's in-memory managers, which after the first login would "upgrade" the hash to cost 10 again;
	 * each lookup returns a copy, as Spring Security erases the password of the user it authenticated.
	 */
	private static final PasswordEncoder OPERATOR_PASSWORD = new BCryptPasswordEncoder(4);

	static UserDetails operator(ZViewerSecurityProperties properties) {
		return User.withUsername(properties.username())
			.password("{bcrypt}" + OPERATOR_PASSWORD.encode(properties.password()))
			.roles(ZViewerSecurityProperties.OPERATOR_ROLE)
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class Servlet {

		@Bean
		@ConditionalOnMissingBean
		UserDetailsService operatorUserDetailsService(ZViewerSecurityProperties properties) {
			UserDetails operator = operator(properties);
			return (username) -> {
				if (!operator.getUsername().equalsIgnoreCase(username)) {
					throw new UsernameNotFoundException("No user " + username);
				}
				return User.withUserDetails(operator).build();
			};
		}

		@Bean
		@Order(1)
		SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) {
			return stateless(http).securityMatcher(ACTUATOR)
				.authorizeHttpRequests((requests) -> requests.requestMatchers(PUBLIC_ACTUATOR)
					.permitAll()
					.anyRequest()
					.hasRole(ZViewerSecurityProperties.OPERATOR_ROLE))
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean(APPLICATION_CHAIN)
		@Order(2)
		@ConditionalOnMissingBean(name = APPLICATION_CHAIN)
		SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http, ZViewerSecurityProperties properties,
				ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<JwtAuthenticationConverter> jwtConverter) {
			JwtDecoder decoder = jwtDecoder.getIfAvailable();
			if (decoder != null) {
				var handlers = new ProblemDetailsSecurityHandlers.Servlet();
				http.oauth2ResourceServer((resourceServer) -> resourceServer
					.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(jwtConverter.getObject()))
					.authenticationEntryPoint(handlers)
					.accessDeniedHandler(handlers))
					.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(handlers)
						.accessDeniedHandler(handlers));
			}
			if (properties.requireAuthentication()) {
				http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
					.httpBasic(Customizer.withDefaults());
			}
			else {
				http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			}
			return stateless(http).build();
		}

		private static HttpSecurity stateless(HttpSecurity http) {
			return http.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class Reactive {

		@Bean
		@ConditionalOnMissingBean
		ReactiveUserDetailsService operatorUserDetailsService(ZViewerSecurityProperties properties) {
			UserDetails operator = operator(properties);
			return (username) -> operator.getUsername().equalsIgnoreCase(username)
					? Mono.just(User.withUserDetails(operator).build()) : Mono.empty();
		}

		/**
		 * A request the firewall refuses (a path with {@code ..}, an encoded slash, ...) gets a 400 problem like any
		 * other bad request, rather than an empty body, and its connection is closed: Reactor Netty 1.3.6 can leave
		 * a keep-alive connection that carried such an answer and a 404 hanging on its next request (measured: about 1
		 * pair in 20; reactor-netty#4188).
		 */
		@Bean
		@ConditionalOnMissingBean
		ServerExchangeRejectedHandler problemDetailsExchangeRejectedHandler() {
			return (exchange, ex) -> {
				exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
				return ProblemDetailsSecurityHandlers.Reactive.write(exchange, HttpStatus.BAD_REQUEST,
						"The request was refused: " + ex.getMessage());
			};
		}

		@Bean
		@Order(1)
		SecurityWebFilterChain actuatorSecurityWebFilterChain(ServerHttpSecurity http) {
			return stateless(http).securityMatcher(ServerWebExchangeMatchers.pathMatchers(ACTUATOR))
				.authorizeExchange((exchanges) -> exchanges.pathMatchers(PUBLIC_ACTUATOR)
					.permitAll()
					.anyExchange()
					.hasRole(ZViewerSecurityProperties.OPERATOR_ROLE))
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean(APPLICATION_CHAIN)
		@Order(2)
		@ConditionalOnMissingBean(name = APPLICATION_CHAIN)
		SecurityWebFilterChain applicationSecurityWebFilterChain(ServerHttpSecurity http,
				ZViewerSecurityProperties properties, ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
				ObjectProvider<Converter<Jwt, Mono<AbstractAuthenticationToken>>> jwtConverter) {
			ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
			if (decoder != null) {
				var handlers = new ProblemDetailsSecurityHandlers.Reactive();
				http.oauth2ResourceServer((resourceServer) -> resourceServer
					.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(jwtConverter.getObject()))
					.authenticationEntryPoint(handlers)
					.accessDeniedHandler(handlers))
					.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(handlers)
						.accessDeniedHandler(handlers));
			}
			if (properties.requireAuthentication()) {
				http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
					.httpBasic(Customizer.withDefaults());
			}
			else {
				http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll());
			}
			return stateless(http).build();
		}

		/**
		 * No session at all: neither the security context nor a request to resume after a login is kept in one
		 * (the default request cache would ask every request for its WebSession, making one each time).
		 */
		private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
			return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
				.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()));
		}

	}

}
