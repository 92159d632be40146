package com.zviewer.cloud.starter.outbox;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transactional {@link Outbox} and its {@link OutboxRelay}, for an application that asks for them with
 * {@code zviewer.outbox.enabled=true} and has JDBC and RabbitMQ. The application creates the {@code outbox_events}
 * table in its own Flyway migrations (media-service's {@code V4__create_outbox_events.sql} shows it) and appends events
 * with {@link Outbox#add} in the transaction of their change. Turned on by the property rather than by the beans found:
 * an application that asks for an outbox but lacks a database or RabbitMQ fails at start instead of never publishing.
 * Messages carry {@code spring.application.name} as their app id.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, RabbitAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ JdbcClient.class, RabbitTemplate.class, JsonMapper.class })
@ConditionalOnBooleanProperty("zviewer.outbox.enabled")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Outbox outbox(JdbcClient jdbc, JsonMapper json, RabbitConnectionFactoryBeanConfigurer rabbitConfigurer,
			CachingConnectionFactoryConfigurer connectionFactoryConfigurer, OutboxProperties properties,
			@Value("${spring.application.name:application}") String applicationName) {
		return new Outbox(jdbc, json, rabbitConfigurer, connectionFactoryConfigurer, applicationName,
				properties::getMaxRetryDelay);
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxRelay outboxRelay(Outbox outbox, OutboxProperties properties) {
		return new OutboxRelay(outbox, properties.getPollInterval());
	}

}
