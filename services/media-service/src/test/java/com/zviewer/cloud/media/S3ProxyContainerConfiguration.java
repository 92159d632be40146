package com.zviewer.cloud.media;

import java.nio.file.Path;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * An S3-compatible object store for the tests: S3Proxy (a Java S3 server, here on its file system backend) run from its
 * jar, which the build copies to target/s3proxy/, in a container of the local JDK image. Its address becomes
 * {@code zviewer.media.storage.s3.endpoint}.
 */
@TestConfiguration(proxyBeanMethods = false)
class S3ProxyContainerConfiguration {

	static final String ACCESS_KEY = "media-test-access";

	static final String SECRET_KEY = "media-test-secret";

	static final int PORT = 8080;

	@Bean
	GenericContainer<?> s3proxy() {
		return container();
	}

	@Bean
	DynamicPropertyRegistrar s3proxyProperties(GenericContainer<?> s3proxy) {
		return (registry) -> registry.add("zviewer.media.storage.s3.endpoint", () -> endpoint(s3proxy));
	}

	static GenericContainer<?> container() {
		String settings = String.join("\n", "s3proxy.endpoint=http://0.0.0.0:" + PORT,
				"s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
				"s3proxy.credential=" + SECRET_KEY, "jclouds.provider=filesystem", "jclouds.identity=" + ACCESS_KEY,
				"jclouds.credential=" + SECRET_KEY, "jclouds.filesystem.basedir=/data", "");
		Path jar = Path.of(System.getProperty("zviewer.root"), "services/media-service/target/s3proxy/s3proxy.jar");
		return new GenericContainer<>(DockerImageName.parse("eclipse-temurin:25-jdk"))
			.withCopyFileToContainer(MountableFile.forHostPath(jar), "/opt/s3proxy/s3proxy.jar")
			.withCopyToContainer(Transferable.of(settings), "/opt/s3proxy/s3proxy.conf")
			.withCommand("sh", "-c", "mkdir -p /data && exec java -Xmx256m -jar /opt/s3proxy/s3proxy.jar "
					+ "--properties /opt/s3proxy/s3proxy.conf")
			.withExposedPorts(PORT)
			.waitingFor(Wait.forLogMessage(".*Started Server.*", 1));
	}

	/** The address of the started container (starting it if need be). */
	static String endpoint(GenericContainer<?> s3proxy) {
		s3proxy.start();
		return "http://" + s3proxy.getHost() + ":" + s3proxy.getMappedPort(PORT);
	}

}
