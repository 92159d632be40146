package com.zviewer.cloud.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes of config-repo/api-gateway.yml, resolved through the load balancer. Each service is stood in for by a
 * small HTTP server that answers with its own name and the path it received; the discovery client is the simple one,
 * since Eureka itself is tested end to end.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayRoutingTests {

	private static final Map<String, HttpServer> services = new LinkedHashMap<>();

	static {
		for (String service : List.of("auth-service", "media-service", "comments-service", "payments-service",
				"admin-service")) {
			services.put(service, start(service));
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	ReactiveUserDetailsService users;

	@DynamicPropertySource
	static void serviceInstances(DynamicPropertyRegistry registry) {
		services.forEach((name, server) -> registry.add("spring.cloud.discovery.client.simple.instances." + name
				+ "[0].uri", () -> "http://localhost:" + server.getAddress().getPort()));
	}

	@AfterAll
	static void stopServices() {
		services.values().forEach((server) -> server.stop(0));
	}

	@ParameterizedTest
	@CsvSource({ "/api/auth/login, auth-service", "/api/users/1, auth-service", "/api/albums?owner=2, auth-service",
			"/api/media/42, media-service", "/api/comments?mediaId=42, comments-service",
			"/api/payments/7, payments-service", "/api/admin/audit-events, admin-service" })
	void routesEachPrefixToItsService(String path, String service) {
		ResponseEntity<String> response = http().get().uri(path).retrieve().toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo(service + " " + path);
		assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo(service + "-instance");
	}

	@ParameterizedTest
	@CsvSource({ "auth-service", "media-service", "comments-service", "payments-service", "admin-service" })
	void bringsEachServicesOpenApiDescription(String service) {
		ResponseEntity<String> response = http().get().uri("/openapi/" + service).retrieve().toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo(service + " /openapi.json");
	}

	@Test
	void servesOneSwaggerUiOverEveryService() {
		// /swagger-ui.html redirects to the page, which this client follows.
		ResponseEntity<String> page = http().get().uri("/swagger-ui.html").retrieve().toEntity(String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("<div id=\"swagger-ui\">");
		String config = http().get().uri("/v3/api-docs/swagger-config").retrieve().body(String.class);
		for (String service : services.keySet()) {
			assertThat(config).contains("\"url\":\"/openapi/" + service + "\"");
		}
	}

	@Test
	void answersUnroutedPathsItselfAndSaysSo() {
		ResponseEntity<String> response = http().get().uri("/api/unknown").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("api-gateway");
	}

	@Test
	void refusesAPathThatLeavesItsPrefixWithAProblemAndClosesTheConnection() throws Exception {
		try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
			java.net.http.HttpResponse<String> refused = client.send(
					java.net.http.HttpRequest.newBuilder(URI.create(base() + "/api/users/../../internal/users")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("\"status\":400", "The request was refused");
			assertThat(refused.headers().firstValue("Connection")).hasValue("close");
		}
	}

	/**
	 * Refusals and 404s alternating on one keep-alive connection: with Reactor Netty 1.3.6 about one pair in twenty
	 * left the next request hanging, until refusals closed their connection.
	 */
	@Test
	void keepsAnsweringOnAConnectionThatCarriedRefusalsAndNotFounds() throws Exception {
		try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
			for (int i = 0; i < 60; i++) {
				for (String path : List.of("/api/unknown", "/api/users/../../internal/users")) {
					java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(base() + path))
						.timeout(java.time.Duration.ofSeconds(5))
						.build();
					assertThat(client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode())
						.as(path + " in round " + i)
						.isIn(400, 404);
				}
			}
		}
	}

	@Test
	void guardsItsActuatorButAnswersHealth() {
		assertThat(http().get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(http().get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		for (int login = 1; login <= 2; login++) {
			ResponseEntity<String> metrics = http().get()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBasicAuth(System.getenv("ACTUATOR_USERNAME"),
						System.getenv("ACTUATOR_PASSWORD")))
				.retrieve()
				.toEntity(String.class);
			assertThat(metrics.getStatusCode()).as("login %d", login).isEqualTo(HttpStatus.OK);
			assertThat(metrics.getBody()).contains("application=\"api-gateway\"");
		}
		// Still the cheap hash after the logins (not "upgraded" to BCrypt's default cost).
		assertThat(this.users.findByUsername(System.getenv("ACTUATOR_USERNAME")).block().getPassword())
			.startsWith("{bcrypt}$2a$04$");
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

	private static HttpServer start(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", (exchange) -> {
				byte[] body = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("X-Served-By", name + "-instance");
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
