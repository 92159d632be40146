package com.zviewer.cloud.test;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/** The same PostgreSQL image as docker-compose.yml, started once per test context. */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresContainerConfiguration {

	public static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer(POSTGRES_IMAGE);
	}

}
