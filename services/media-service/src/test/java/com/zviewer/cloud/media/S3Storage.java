package com.zviewer.cloud.media;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Beside {@link MediaServiceTest}: the service with {@code zviewer.media.storage.type=s3}, storing originals and
 * thumbnails in a bucket of {@link S3ProxyContainerConfiguration S3Proxy} (created at start), and receiving uploads
 * in a directory of its own. Every class that carries both shares one application context. A subclass of a test
 * class with this annotation runs that class's tests again against object storage.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(S3ProxyContainerConfiguration.class)
@TestPropertySource(properties = { "zviewer.media.storage.type=s3",
		"zviewer.media.storage.directory=${zviewer.root}/services/media-service/target/test-media-s3",
		"zviewer.media.storage.s3.bucket=" + S3Storage.BUCKET,
		"zviewer.media.storage.s3.access-key=" + S3ProxyContainerConfiguration.ACCESS_KEY,
		"zviewer.media.storage.s3.secret-key=" + S3ProxyContainerConfiguration.SECRET_KEY,
		"zviewer.media.storage.s3.create-bucket=true" })
@interface S3Storage {

	String BUCKET = "zviewer-media-test";

}
