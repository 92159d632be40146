package com.zviewer.cloud.payments;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.zviewer.cloud.test.RabbitContainerConfiguration;
import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestJwts;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of the whole payments-service against real PostgreSQL and RabbitMQ containers, trusting {@link TestJwts}'
 * tokens, with a {@link TestClock} tests can move (and must put back) and a known webhook secret. Every test class
 * carries exactly this, so they all share one application context. The renewal job runs only when a test calls it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceIntegrationTest
@Import({ TestJwts.Configuration.class, RabbitContainerConfiguration.class, TestClock.Configuration.class })
@TestPropertySource(properties = { "zviewer.payments.sandbox.webhook-secret=" + PaymentsApi.WEBHOOK_SECRET,
		"zviewer.outbox.poll-interval=PT0.5S", "zviewer.outbox.max-retry-delay=PT1S",
		"zviewer.payments.subscriptions.renewal-interval=PT24H" })
@interface PaymentsServiceTest {

}
