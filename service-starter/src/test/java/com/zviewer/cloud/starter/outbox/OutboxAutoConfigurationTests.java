package com.zviewer.cloud.starter.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When the starter makes an outbox. What it publishes is tested with real PostgreSQL and RabbitMQ in the services that
 * use it (media-service's DeletionTests, payments-service's OutboxTests). Nothing here connects to a database or a
 * broker.
 */
class OutboxAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RabbitAutoConfiguration.class,
				OutboxAutoConfiguration.class))
		.withBean(JdbcClient.class, () -> JdbcClient.create(new SimpleDriverDataSource()));

	@Test
	void onlyWhereTheApplicationAsksForIt() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(Outbox.class)
			.doesNotHaveBean(OutboxRelay.class));
		this.contextRunner.withPropertyValues("zviewer.outbox.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Outbox.class));
	}

	@Test
	void makesTheOutboxAndItsRelayWithTheSettings() {
		this.contextRunner
			.withPropertyValues("zviewer.outbox.enabled=true", "zviewer.outbox.poll-interval=PT0.5S",
					"zviewer.outbox.max-retry-delay=PT5S")
			.run((context) -> {
				assertThat(context).hasSingleBean(Outbox.class).hasSingleBean(OutboxRelay.class);
				OutboxProperties properties = context.getBean(OutboxProperties.class);
				assertThat(properties.getPollInterval()).isEqualTo(Duration.ofMillis(500));
				assertThat(properties.getMaxRetryDelay()).isEqualTo(Duration.ofSeconds(5));
				assertThat(context.getBean(OutboxRelay.class).isRunning()).isTrue();
			});
	}

	@Test
	void anApplicationThatAsksForItWithoutADatabaseDoesNotStart() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RabbitAutoConfiguration.class,
					OutboxAutoConfiguration.class))
			.withPropertyValues("zviewer.outbox.enabled=true")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void refusesAnEventOutsideATransaction() {
		this.contextRunner.withPropertyValues("zviewer.outbox.enabled=true").run((context) -> {
			assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
			assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(Outbox.class).add("zviewer.test", "test.event", "event"))
				.withMessageContaining("transaction");
		});
	}

}
