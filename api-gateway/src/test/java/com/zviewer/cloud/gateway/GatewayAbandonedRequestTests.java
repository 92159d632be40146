package com.zviewer.cloud.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
import static org.awaitility.Awaitility.await;

/**
 * A request the client gives up on while the instance has not answered: the gateway says which instance it was
 * waiting for and that the request had reached it, next to the access log's line without a status.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayAbandonedRequestTests {

	private static final CountDownLatch received = new CountDownLatch(1);

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
		byte[] body = new byte[64 * 1024];
		try (Socket client = new Socket("localhost", this.port)) {
			OutputStream out = client.getOutputStream();
			out.write(("POST /api/media HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
					+ "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			// The client gives up once the instance has the request.
			assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
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
				received.countDown();
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
