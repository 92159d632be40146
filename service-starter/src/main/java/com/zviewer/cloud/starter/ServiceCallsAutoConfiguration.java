package com.zviewer.cloud.starter;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Scope;
import org.springframework.web.client.RestClient;

/**
 * Calls from one service to another: a {@code @LoadBalanced RestClient.Builder} (inject it with {@code @LoadBalanced};
 * {@code http://auth-service/...} then goes to whichever instance Eureka lists) with Spring Boot's settings (message
 * converters, {@code spring.http.clients.*} timeouts, observations), beside the plain builder Spring Boot would offer.
 * The plain one must stay the primary: the Eureka client builds its calls to the registry from the context's
 * {@code RestClient.Builder}, and through the load-balanced one the instance would never register
 * (spring-cloud-netflix#4591).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class ServiceCallsAutoConfiguration {

	@Bean
	@Primary
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean(name = "restClientBuilder")
	RestClient.Builder restClientBuilder(RestClientBuilderConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

	@Bean
	@LoadBalanced
	@ConditionalOnMissingBean(name = "loadBalancedRestClientBuilder")
	RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

}
