package com.zviewer.cloud.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The config server on a copy of config-repo/ that the test edits, as a user edits the mounted directory. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "zviewer.security.username=config", "zviewer.security.password=config-test-secret" })
class ConfigServerTests {

	@TempDir
	static Path repository;

	// The development key of .env, with which config-repo's {cipher} values are encrypted, given as the container
	// gets it: in the environment (ENCRYPT_KEY, resolved by application.yml) before the application starts. A key
	// added later (a dynamic property) would reach the server's encryptor by another path than in production.
	static {
		try {
			System.setProperty("ENCRYPT_KEY", Files.readAllLines(Path.of(System.getProperty("zviewer.root"), ".env"))
				.stream()
				.filter((line) -> line.startsWith("CONFIG_ENCRYPT_KEY="))
				.map((line) -> line.substring("CONFIG_ENCRYPT_KEY=".length()))
				.findFirst()
				.orElseThrow());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) throws Exception {
		for (Path file : Files.list(Path.of(System.getProperty("zviewer.root"), "config-repo")).toList()) {
			Files.copy(file, repository.resolve(file.getFileName()));
		}
		registry.add("spring.cloud.config.server.native.search-locations", () -> repository.toUri().toString());
	}

	@Test
	void servesEncryptedValuesDecryptedAndEncryptsNewOnes() throws Exception {
		Object secret = property(fetch("payments-service"), "zviewer.payments.sandbox.webhook-secret");
		assertThat(Files.readString(repository.resolve("payments-service.yml"))).contains("webhook-secret: '{cipher}");
		assertThat(secret).isInstanceOf(String.class).asString().isNotBlank().doesNotContain("cipher").isNotEqualTo("<n/a>");

		String cipher = http().post()
			.uri("/encrypt")
			.headers(this::credentials)
			.contentType(MediaType.TEXT_PLAIN)
			.body("s3cret value")
			.retrieve()
			.body(String.class);
		assertThat(cipher).isNotBlank().doesNotContain("s3cret");
		Files.writeString(repository.resolve("admin-service.yml"),
				"zviewer:\n  database: admin\n  secret: '{cipher}" + cipher + "'\n");
		assertThat(property(fetch("admin-service"), "zviewer.secret")).isEqualTo("s3cret value");
		assertThat(http().post().uri("/encrypt").contentType(MediaType.TEXT_PLAIN).body("x").retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void refusesRequestsWithoutTheRightCredentials() {
		assertThat(http().get().uri("/media-service/default").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(http().get()
			.uri("/media-service/default")
			.headers((headers) -> headers.setBasicAuth("config", "wrong"))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(http().get().uri("/actuator/health/liveness").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void servesTheSharedAndTheApplicationsOwnFiles() {
		Map<String, Object> environment = fetch("media-service");
		assertThat(sources(environment)).extracting((source) -> source.get("name"))
			.containsExactly("file:" + repository.resolve("media-service.yml"),
					"file:" + repository.resolve("application.yml"));
		assertThat(property(environment, "zviewer.database")).isEqualTo("media");
		assertThat(property(environment, "spring.cloud.gateway.server.webflux.routes[0].uri")).isNull();
	}

	@Test
	void servesAnEditedFileOnTheNextRequest() throws Exception {
		Files.writeString(repository.resolve("comments-service.yml"), "zviewer:\n  database: comments\n  rate: 3\n");
		assertThat(property(fetch("comments-service"), "zviewer.rate")).isEqualTo(3);
		Files.writeString(repository.resolve("comments-service.yml"), "zviewer:\n  database: comments\n  rate: 5\n");
		assertThat(property(fetch("comments-service"), "zviewer.rate")).isEqualTo(5);
	}

	private Map<String, Object> fetch(String application) {
		return http().get().uri("/{application}/default", application).headers(this::credentials).retrieve().body(JSON);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> sources(Map<String, Object> environment) {
		return (List<Map<String, Object>>) environment.get("propertySources");
	}

	private static Object property(Map<String, Object> environment, String name) {
		return sources(environment).stream()
			.map((source) -> ((Map<?, ?>) source.get("source")).get(name))
			.filter((value) -> value != null)
			.findFirst()
			.orElse(null);
	}

	private void credentials(HttpHeaders headers) {
		headers.setBasicAuth("config", "config-test-secret");
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
