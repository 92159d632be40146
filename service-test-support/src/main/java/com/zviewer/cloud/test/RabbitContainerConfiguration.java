package com.zviewer.cloud.test;

import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * The same RabbitMQ image as docker-compose.yml, started once per test context, for a service whose tests check the
 * events it publishes. Import it beside {@link ServiceIntegrationTest}; the container is a bean, so a test can inject
 * it to stop and start the broker ({@code rabbitmqctl stop_app}) and see how the service copes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RabbitContainerConfiguration {

	public static final DockerImageName RABBITMQ_IMAGE = DockerImageName.parse("rabbitmq:4.0-management");

	@Bean
	@ServiceConnection
	RabbitMQContainer rabbitmq() {
		return new RabbitMQContainer(RABBITMQ_IMAGE);
	}

}
