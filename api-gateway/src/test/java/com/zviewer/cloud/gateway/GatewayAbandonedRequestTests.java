package com.zviewer.cloud.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A request the client gives up on while the instance has not answered: the gateway says which instance it was
 * waiting for and that the request had reached it, next to the access log's line without a status.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayAbandonedRequestTests {

	private static final CountDownLatch release = new CountDownLatch(1);

	/** Reads each request, then answers only once the test is over. */
	private static final HttpServer silentMedia = start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void serviceInstances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.media-service[0].uri",
				() -> "http://localhost:" + silentMedia.getAddress().getPort());
	}

	@AfterAll
	static void stopService() {
		release.countDown();
		silentMedia.stop(0);
	}

	@Test
	void anUploadTheClientGaveUpOnIsReportedWithTheInstanceItWaitedFor(CapturedOutput output) throws Exception {
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			HttpRequest upload = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/media"))
				.timeout(Duration.ofSeconds(1))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024]))
				.build();
			assertThatExceptionOfType(HttpTimeoutException.class)
				.isThrownBy(() -> client.send(upload, HttpResponse.BodyHandlers.discarding()));
		}
		String instance = "http://localhost:" + silentMedia.getAddress().getPort() + "/api/media";
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("POST /api/media: the client gave up \\d+ ms into the attempt on " + instance
						+ " \\(route media-uploads\\): the request reached it \\d+ ms before, no answer yet")
				.containsPattern("POST /api/media - \\d+ ms \\(the connection closed first\\)"));
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
