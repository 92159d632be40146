package com.zviewer.cloud.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.zviewer.cloud.test.RedisContainerConfiguration;
import com.zviewer.cloud.test.TestHttp;
import com.zviewer.cloud.test.TestJwts;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens at the gateway: verified against the key set auth-service publishes (a stand-in serves the test key
 * set, found through the load balancer as the real one is) and against the revocations in a real Redis. A refused
 * token never reaches a service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(RedisContainerConfiguration.class)
class GatewayAccessTokenTests {

	private static final AtomicInteger mediaRequests = new AtomicInteger();

	private static final HttpServer authService = start((exchange) -> {
		byte[] body = TestJwts.jwkSetJson().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	});

	private static final HttpServer mediaService = start((exchange) -> {
		mediaRequests.incrementAndGet();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		byte[] body = ("{\"authorization\":\"" + ((authorization != null) ? "bearer" : "none") + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	});

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@DynamicPropertySource
	static void serviceInstances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri",
				() -> "http://localhost:" + authService.getAddress().getPort());
		registry.add("spring.cloud.discovery.client.simple.instances.media-service[0].uri",
				() -> "http://localhost:" + mediaService.getAddress().getPort());
	}

	@AfterAll
	static void stopServices() {
		authService.stop(0);
		mediaService.stop(0);
	}

	@Test
	void passesAnonymousRequestsAndValidTokensOn() {
		assertThat(get(null).getBody()).containsEntry("authorization", "none");
		assertThat(get(TestJwts.token(7, "USER")).getBody()).containsEntry("authorization", "bearer");
	}

	@Test
	void refusesBadAndExpiredTokensItself() {
		int before = mediaRequests.get();
		ResponseEntity<Map<String, Object>> forged = get("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
		assertProblem(forged, HttpStatus.UNAUTHORIZED, "unsigned token");
		assertThat(forged.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		assertThat(forged.getBody()).containsEntry("title", "Unauthorized")
			.containsEntry("instance", "/api/media/1")
			.doesNotContainKeys("properties", "type");
		assertProblem(get(TestJwts.token(7, Duration.ofMinutes(-5), "USER")), HttpStatus.UNAUTHORIZED, "expired");
		assertThat(mediaRequests.get()).as("requests that reached the service").isEqualTo(before);
	}

	@Test
	void refusesTokensIssuedBeforeTheirUserWasRevoked() {
		// TestJwts' tokens say they were issued ten minutes ago.
		this.redis.opsForValue()
			.set(RevocationCheckingJwtDecoder.KEY_PREFIX + 8, Long.toString(Instant.now().getEpochSecond()));
		assertProblem(get(TestJwts.token(8, "USER")), HttpStatus.UNAUTHORIZED, "revoked user");
		assertThat(get(TestJwts.token(9, "USER")).getStatusCode()).as("another user").isEqualTo(HttpStatus.OK);

		this.redis.opsForValue()
			.set(RevocationCheckingJwtDecoder.KEY_PREFIX + 10,
					Long.toString(Instant.now().minus(Duration.ofMinutes(20)).getEpochSecond()));
		assertThat(get(TestJwts.token(10, "USER")).getStatusCode()).as("token issued after the revocation")
			.isEqualTo(HttpStatus.OK);
	}

	private ResponseEntity<Map<String, Object>> get(String token) {
		var request = TestHttp.localhost(this.port).get().uri("/api/media/1");
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.retrieve().toEntity(JSON);
	}

	private static HttpServer start(com.sun.net.httpserver.HttpHandler handler) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", (HttpExchange exchange) -> handler.handle(exchange));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
