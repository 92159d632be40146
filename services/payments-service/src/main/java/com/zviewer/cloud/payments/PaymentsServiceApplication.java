package com.zviewer.cloud.payments;

import java.time.Clock;

import com.zviewer.cloud.payments.outbox.Outbox;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * payments-service: payments for premium content and subscriptions through a {@link PaymentProvider} (the built-in
 * {@link SandboxProvider}), saved payment methods, refunds, entitlements, and {@link PaymentCompleted} and
 * {@link PaymentRefunded} announced on RabbitMQ through an {@link Outbox}, on its own PostgreSQL database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PaymentsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PaymentsServiceApplication.class, args);
	}

	/** The time of subscriptions, webhooks, statistics and payments (tests move it). */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, JsonMapper json, RabbitConnectionFactoryBeanConfigurer rabbitConfigurer,
			CachingConnectionFactoryConfigurer connectionFactoryConfigurer, PaymentsProperties properties,
			@Value("${spring.application.name}") String applicationName) {
		return new Outbox(jdbc, json, rabbitConfigurer, connectionFactoryConfigurer, applicationName,
				() -> properties.getEvents().getMaxRetryDelay());
	}

	/** Publishes due outbox events every few seconds, on every replica. */
	@Bean
	OutboxRelay outboxRelay(Outbox outbox) {
		return new OutboxRelay(outbox);
	}

	record OutboxRelay(Outbox outbox) {

		@Scheduled(fixedDelayString = "${zviewer.payments.events.poll-interval:PT2S}",
				initialDelayString = "${zviewer.payments.events.poll-interval:PT2S}")
		void publishDue() {
			this.outbox.publishDue();
		}

	}

}
