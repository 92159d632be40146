package com.zviewer.cloud.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upload route and the writes of config-repo/api-gateway.yml against instances that are gone (their port is
 * closed, as a stopped container's is) or that fail after reading a request: a request that never left the gateway
 * goes to another instance, whatever its size; one that an instance may have acted on is never sent again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayRetryUnsentTests {

	/** Reads every request body and answers with its size. */
	private static final HttpServer media = start("media-service", false);

	/** Reads every request body, then closes the connection without answering. */
	private static final HttpServer failingComments = start("comments-service", true);

	private static final AtomicInteger mediaRequests = new AtomicInteger();

	private static final AtomicInteger commentsRequests = new AtomicInteger();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void serviceInstances(DynamicPropertyRegistry registry) {
		// One instance of each service is gone: nothing listens on its port any more.
		int gone = closedPort();
		registry.add("spring.cloud.discovery.client.simple.instances.media-service[0].uri",
				() -> "http://localhost:" + gone);
		registry.add("spring.cloud.discovery.client.simple.instances.media-service[1].uri",
				() -> "http://localhost:" + media.getAddress().getPort());
		registry.add("spring.cloud.discovery.client.simple.instances.comments-service[0].uri",
				() -> "http://localhost:" + failingComments.getAddress().getPort());
	}

	@AfterAll
	static void stopServices() {
		media.stop(0);
		failingComments.stop(0);
	}

	@Test
	void uploadsAndWritesThatFindAnInstanceGoneGoToAnotherWithTheirWholeBody() {
		byte[] upload = new byte[3 * 1024 * 1024];
		for (int i = 0; i < 6; i++) {
			ResponseEntity<String> response = http().post()
				.uri("/api/media")
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(upload)
				.retrieve()
				.toEntity(String.class);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).isEqualTo("media-service read " + upload.length);

			ResponseEntity<String> write = http().patch()
				.uri("/api/media/7")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"title\":\"t\"}")
				.retrieve()
				.toEntity(String.class);
			assertThat(write.getStatusCode()).isEqualTo(HttpStatus.OK);
		}
		assertThat(mediaRequests).hasValue(12);
	}

	@Test
	void aWriteThatReachedAnInstanceIsNeverSentAgain(CapturedOutput output) {
		int before = commentsRequests.get();
		HttpStatus status = http().post()
			.uri("/api/comments")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"mediaId\":1,\"text\":\"once\"}")
			.exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));
		assertThat(status.is5xxServerError()).as(status.toString()).isTrue();
		assertThat(commentsRequests.get() - before).isEqualTo(1);
		// The access log has the status the client got, not the default one the response had while it failed.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("\\[[0-9a-f]{32}-[0-9a-f]{16}\\] zviewer.access +: POST /api/comments "
						+ status.value() + " \\d+ ms")
				.doesNotContain("POST /api/comments: the client gave up"));
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static HttpServer start(String name, boolean failAfterReading) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", (exchange) -> {
				int size = exchange.getRequestBody().readAllBytes().length;
				if (failAfterReading) {
					commentsRequests.incrementAndGet();
					// Read, then gone without an answer: the service may have acted on it.
					exchange.close();
					return;
				}
				mediaRequests.incrementAndGet();
				byte[] body = (name + " read " + size).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
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
