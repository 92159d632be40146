package com.zviewer.cloud.test;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/** The same Redis image as docker-compose.yml, started once per test context. */
@TestConfiguration(proxyBeanMethods = false)
public class RedisContainerConfiguration {

	public static final DockerImageName REDIS_IMAGE = DockerImageName.parse("redis:8.0");

	@Bean
	@ServiceConnection(name = "redis")
	GenericContainer<?> redis() {
		return new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
	}

}
