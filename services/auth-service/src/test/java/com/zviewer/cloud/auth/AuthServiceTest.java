package com.zviewer.cloud.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.zviewer.cloud.auth.albums.MediaServiceStandIn;
import com.zviewer.cloud.test.RabbitContainerConfiguration;
import com.zviewer.cloud.test.RedisContainerConfiguration;
import com.zviewer.cloud.test.ServiceIntegrationTest;

/**
 * A test of the whole auth-service against real PostgreSQL, Redis and RabbitMQ containers (RabbitMQ for the outbox's
 * events and the media announcements albums listen to), with media-service stood in for ({@link MediaServiceStandIn})
 * and the first administrator {@code root@example.com} / {@code first admin password}. Every test class carries
 * exactly this, so they all share one application context (and one set of containers).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceIntegrationTest
@Import({ RedisContainerConfiguration.class, RabbitContainerConfiguration.class, MediaServiceStandIn.class })
@TestPropertySource(properties = { "zviewer.auth.initial-admin.email=root@example.com",
		"zviewer.auth.initial-admin.password=first admin password", "zviewer.outbox.poll-interval=PT0.5S",
		"zviewer.outbox.max-retry-delay=PT1S" })
public @interface AuthServiceTest {

}
