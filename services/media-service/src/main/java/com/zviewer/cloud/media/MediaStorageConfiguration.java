package com.zviewer.cloud.media;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The {@link MediaStorage} that {@code zviewer.media.storage.type} chooses (read at start): {@link LocalMediaStorage}
 * (local, the default) or {@link S3MediaStorage} (s3).
 */
@Configuration(proxyBeanMethods = false)
class MediaStorageConfiguration {

	static final String TYPE = "zviewer.media.storage.type";

	@Bean
	@ConditionalOnProperty(name = TYPE, havingValue = "local", matchIfMissing = true)
	LocalMediaStorage localMediaStorage(MediaProperties properties, MultipartProperties multipart) {
		return new LocalMediaStorage(properties, multipart);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE, havingValue = "s3")
	static class S3StorageConfiguration {

		@Bean(destroyMethod = "close")
		S3Client mediaS3Client(MediaProperties properties) {
			return s3Client(properties.getStorage().getS3());
		}

		@Bean
		S3MediaStorage s3MediaStorage(S3Client mediaS3Client, MediaProperties properties,
				MultipartProperties multipart) {
			return new S3MediaStorage(mediaS3Client, properties.getStorage().getS3(),
					new LocalMediaStorage(properties, multipart));
		}

	}

	/**
	 * A client of the object store over the JDK's HttpURLConnection. Checksums are computed and validated only where
	 * the S3 API requires them: the flexible checksums that the SDK otherwise adds to every upload (aws-chunked with
	 * trailers) are not understood by every S3-compatible store, and the service hashes the content itself.
	 */
	static S3Client s3Client(MediaProperties.S3 properties) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(5))
				.socketTimeout(Duration.ofSeconds(60))
				.build())
			.region(Region.of(properties.getRegion()))
			.credentialsProvider(credentials(properties))
			.forcePathStyle(properties.isPathStyleAccess())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (properties.getEndpoint() != null) {
			builder.endpointOverride(properties.getEndpoint());
		}
		return builder.build();
	}

	private static AwsCredentialsProvider credentials(MediaProperties.S3 properties) {
		if (StringUtils.hasText(properties.getAccessKey())) {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(properties.getAccessKey(), properties.getSecretKey()));
		}
		return DefaultCredentialsProvider.builder().build();
	}

}
