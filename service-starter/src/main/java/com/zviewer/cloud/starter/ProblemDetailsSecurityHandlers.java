package com.zviewer.cloud.starter;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request without valid credentials (401) or without the right role (403) with an RFC 9457 problem body, as
 * every other error of the system, and with the {@code WWW-Authenticate: Bearer} challenge of RFC 6750.
 */
final class ProblemDetailsSecurityHandlers {

	static final String FORBIDDEN_DETAIL = "Your account may not do this";

	/** Writes problems as Spring MVC and WebFlux do (no empty members). */
	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private ProblemDetailsSecurityHandlers() {
	}

	static byte[] body(HttpStatus status, String detail, String path) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(path));
		return JSON.writeValueAsBytes(problem);
	}

	static String challenge(AuthenticationException ex) {
		return (ex instanceof InvalidBearerTokenException) ? "Bearer error=\"invalid_token\"" : "Bearer";
	}

	static String detail(AuthenticationException ex) {
		return (ex instanceof InvalidBearerTokenException) ? "The access token is invalid, revoked or expired"
				: "Sign in first: this needs a bearer access token";
	}

	static final class Servlet implements AuthenticationEntryPoint, AccessDeniedHandler {

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
				throws IOException {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(ex));
			write(response, HttpStatus.UNAUTHORIZED, detail(ex), request.getRequestURI());
		}

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
				throws IOException {
			write(response, HttpStatus.FORBIDDEN, FORBIDDEN_DETAIL, request.getRequestURI());
		}

		private static void write(HttpServletResponse response, HttpStatus status, String detail, String path)
				throws IOException {
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getOutputStream().write(body(status, detail, path));
		}

	}

	static final class Reactive implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

		@Override
		public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(ex));
			return write(exchange, HttpStatus.UNAUTHORIZED, detail(ex));
		}

		@Override
		public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException ex) {
			return write(exchange, HttpStatus.FORBIDDEN, FORBIDDEN_DETAIL);
		}

		static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
			var response = exchange.getResponse();
			response.setStatusCode(status);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			byte[] body = body(status, detail, exchange.getRequest().getPath().value());
			return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
		}

	}

}
