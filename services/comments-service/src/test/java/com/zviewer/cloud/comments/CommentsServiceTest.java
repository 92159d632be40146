package com.zviewer.cloud.comments;

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
 * A test of the whole comments-service against real PostgreSQL and RabbitMQ containers, trusting {@link TestJwts}'
 * tokens, with media-service stood in for by {@link MediaServiceStandIn}. Every test class carries exactly this and
 * extends {@link CommentsServiceTestSupport}, so they all share one application context. The rate limit is high here,
 * so that tests can write many comments; a test that needs other settings changes them at run time, as config-repo
 * would ({@link CommentsServiceTestSupport#withSettings}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceIntegrationTest
@Import({ TestJwts.Configuration.class, RabbitContainerConfiguration.class })
@TestPropertySource(properties = { "zviewer.comments.rate-limit.max-comments=1000",
		"zviewer.comments.moderation.flagged-words=spam, buy now", "zviewer.comments.moderation.flagged-patterns=[0-9]{4}-[0-9]{4}-[0-9]{4}",
		"zviewer.comments.moderation.reports-to-flag=2" })
@interface CommentsServiceTest {

}
