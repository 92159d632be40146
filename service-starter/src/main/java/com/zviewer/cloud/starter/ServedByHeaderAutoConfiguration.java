package com.zviewer.cloud.starter;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

/**
 * Names the instance that served each response in an {@value #HEADER} header, so that anyone can watch the load
 * balancing. Meant for development: production turns {@code zviewer.served-by-header.enabled} off. Through the
 * gateway the header names the service instance behind it; a response the gateway makes itself names the gateway.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("zviewer.served-by-header.enabled")
public class ServedByHeaderAutoConfiguration {

	public static final String HEADER = "X-Served-By";

	static String instanceId(ObjectProvider<EurekaInstanceConfigBean> eurekaInstance, Environment environment) {
		EurekaInstanceConfigBean instance = eurekaInstance.getIfAvailable();
		return (instance != null) ? instance.getInstanceId()
				: environment.getProperty("spring.application.name", "application");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class Servlet {

		@Bean
		ServedByHeaderFilter servedByHeaderFilter(ObjectProvider<EurekaInstanceConfigBean> eurekaInstance,
				Environment environment) {
			return new ServedByHeaderFilter(instanceId(eurekaInstance, environment));
		}

	}

	/** Runs first, so that responses of the security filters (401, 403) carry the header too. */
	static class ServedByHeaderFilter extends OncePerRequestFilter implements Ordered {

		private final String instanceId;

		ServedByHeaderFilter(String instanceId) {
			this.instanceId = instanceId;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			response.setHeader(HEADER, this.instanceId);
			chain.doFilter(request, response);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class Reactive {

		@Bean
		WebFilter servedByHeaderWebFilter(ObjectProvider<EurekaInstanceConfigBean> eurekaInstance,
				Environment environment) {
			String instanceId = instanceId(eurekaInstance, environment);
			return (exchange, chain) -> {
				exchange.getResponse().beforeCommit(() -> {
					exchange.getResponse().getHeaders().putIfAbsent(HEADER, List.of(instanceId));
					return Mono.empty();
				});
				return chain.filter(exchange);
			};
		}

	}

}
