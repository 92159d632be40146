package com.zviewer.cloud.payments;

import java.time.Clock;

import com.zviewer.cloud.starter.outbox.Outbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

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

}
