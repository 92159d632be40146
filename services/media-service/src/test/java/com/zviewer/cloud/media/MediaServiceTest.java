package com.zviewer.cloud.media;

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
 * A test of the whole media-service against real PostgreSQL and RabbitMQ containers, trusting {@link TestJwts}' tokens
 * and storing files under target/. Every test class carries exactly this, so they all share one application context
 * (and one pair of containers); a test that needs other settings changes the mutable {@link MediaProperties} and puts
 * them back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceIntegrationTest
@Import({ TestJwts.Configuration.class, RabbitContainerConfiguration.class })
@TestPropertySource(properties = {
		"zviewer.media.storage.directory=${zviewer.root}/services/media-service/target/test-media",
		"zviewer.media.thumbnails.poll-interval=PT0.5S", "zviewer.outbox.poll-interval=PT0.5S",
		"zviewer.outbox.max-retry-delay=PT1S" })
@interface MediaServiceTest {

}
