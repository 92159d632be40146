package com.zviewer.cloud.starter;

import java.io.IOException;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One log line per request (method, path, status, duration) under the logger {@value #LOGGER}, written while the
 * request's trace is current, so that each line carries its trace and span ids and a request can be followed from the
 * gateway through every service in the central logs. Requests to the actuator (health checks, scrapes) are left out.
 * Off with {@code zviewer.access-log.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "zviewer.access-log.enabled", matchIfMissing = true)
public class AccessLogAutoConfiguration {

	static final String LOGGER = "zviewer.access";

	private static final Log logger = LogFactory.getLog(LOGGER);

	/** After the observation filters (which make the trace current), before security (so refusals are logged). */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	static void log(String method, String path, HttpStatusCode status, long startNanos, String note) {
		if (logger.isInfoEnabled() && !path.startsWith(ObservationScopeAutoConfiguration.ACTUATOR)) {
			long millis = (System.nanoTime() - startNanos) / 1_000_000;
			logger.info(method + " " + path + " " + ((status != null) ? status.value() : "-") + " " + millis + " ms"
					+ note);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class Servlet {

		@Bean
		AccessLogFilter accessLogFilter() {
			return new AccessLogFilter();
		}

	}

	static class AccessLogFilter extends OncePerRequestFilter implements Ordered {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			long start = System.nanoTime();
			boolean failed = true;
			try {
				chain.doFilter(request, response);
				failed = false;
			}
			finally {
				// An exception that got past Spring MVC's handlers ends in the container's error page: a 500. The
				// response still has its default 200 here.
				int status = (failed && !response.isCommitted()) ? 500 : response.getStatus();
				log(request.getMethod(), request.getRequestURI(), HttpStatusCode.valueOf(status), start, "");
			}
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class Reactive {

		@Bean
		AccessLogWebFilter accessLogWebFilter() {
			return new AccessLogWebFilter();
		}

	}

	/**
	 * Logs on the request's completion signal, in a {@code tap}: there Reactor restores the trace into the logging
	 * context also where context propagation is {@code limited} (the gateway), not only where it is {@code auto}.
	 */
	static class AccessLogWebFilter implements WebFilter, Ordered {

		private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			long start = System.nanoTime();
			ServerHttpResponse response = exchange.getResponse();
			return chain.filter(exchange).tap(() -> new DefaultSignalListener<>() {

				@Override
				public void doOnComplete() {
					logExchange(response.getStatusCode(), "");
				}

				/**
				 * The status is not yet known: the error handlers, which run outside the filters, choose it from the
				 * error (a 502 where an instance closed the connection, say), so the line is written once they answer.
				 */
				@Override
				public void doOnError(Throwable error) {
					if (response.isCommitted()) {
						logExchange(response.getStatusCode(), "");
						return;
					}
					response.beforeCommit(() -> Mono.deferContextual((context) -> {
						try (ContextSnapshot.Scope scope = snapshots.setThreadLocalsFrom(context)) {
							logExchange(response.getStatusCode(), "");
						}
						return Mono.empty();
					}));
				}

				/**
				 * The connection closed before the exchange completed: the client gave up waiting (nginx's 499; the
				 * status is then "-": until the response is committed its status is only Reactor Netty's default 200),
				 * or a proxy in front closed it as soon as it had the whole answer.
				 */
				@Override
				public void doOnCancel() {
					logExchange(response.isCommitted() ? response.getStatusCode() : null,
							" (the connection closed first)");
				}

				private void logExchange(HttpStatusCode status, String note) {
					log(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(), status,
							start, note);
				}

			});
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

	}

}
