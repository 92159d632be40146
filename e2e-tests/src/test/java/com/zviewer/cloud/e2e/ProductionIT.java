package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.ROOT;
import static com.zviewer.cloud.e2e.ZViewerStack.report;
import static com.zviewer.cloud.e2e.ZViewerStack.seconds;
import static com.zviewer.cloud.e2e.ZViewerStack.trusting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production overlay (docker-compose.prod.yml) on the images the other tests built, as a project of its own
 * beside the test system: it refuses to start without its secrets, comes up healthy with secrets of its own (none
 * from the development .env) and a self-signed certificate, publishes only the edge, serves the API over HTTPS there,
 * and runs every container as a non-root user on a read-only root file system without capabilities.
 */
@Order(7)
@ExtendWith(ZViewerStack.OwnProject.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionIT {

	private static final int HTTPS_PORT = 18443;

	private static final int HTTP_PORT = 18480;

	private static final Path WORK = ROOT.resolve("e2e-tests/target/production");

	private static final Path ENV_FILE = WORK.resolve("production.env");

	private static final DockerCompose production = new DockerCompose(ROOT, "zviewer-prod", java.util.Map.of());

	@BeforeAll
	static void secretsAndCertificate() throws IOException {
		Files.createDirectories(WORK.resolve("certs"));
		production.run(Duration.ofMinutes(1), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
				"-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
				WORK.resolve("certs/privkey.pem").toString(), "-out", WORK.resolve("certs/fullchain.pem").toString());
		// The edge runs as an unprivileged user: it must be able to read the key.
		WORK.resolve("certs/privkey.pem").toFile().setReadable(true, false);

		// Every setting of the development .env, with a fresh random value for each of its dev- secrets.
		SecureRandom random = new SecureRandom();
		List<String> lines = new ArrayList<>();
		for (String line : Files.readAllLines(ROOT.resolve(".env"))) {
			int equals = line.indexOf('=');
			if (line.isBlank() || line.startsWith("#") || equals < 0) {
				continue;
			}
			String value = line.substring(equals + 1);
			if (value.startsWith("dev-")) {
				byte[] secret = new byte[16];
				random.nextBytes(secret);
				value = HexFormat.of().formatHex(secret);
			}
			lines.add(line.substring(0, equals) + "=" + value);
		}
		lines.add("EDGE_CERTS_DIR=" + WORK.resolve("certs"));
		lines.add("EDGE_BIND_ADDRESS=127.0.0.1");
		lines.add("EDGE_HTTPS_PORT=" + HTTPS_PORT);
		lines.add("EDGE_HTTP_PORT=" + HTTP_PORT);
		lines.add("REPLICAS=1");
		// The backup service writes here as the services' unprivileged user; those of an earlier run are removed.
		Path backups = WORK.resolve("backups");
		if (Files.exists(backups)) {
			try (var tree = Files.walk(backups)) {
				for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
		Files.createDirectories(backups);
		Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwxrwxrwx"));
		lines.add("BACKUP_DIR=" + backups);
		Files.write(ENV_FILE, lines);
	}

	@AfterAll
	static void removeEverything() {
		compose("down", "--volumes", "--remove-orphans");
	}

	@Test
	@Order(1)
	void refusesToStartWithoutItsSecrets() throws IOException {
		Path empty = Files.writeString(WORK.resolve("empty.env"), "");
		DockerCompose.Result config = production.docker(Duration.ofMinutes(1), "compose", "--project-name",
				production.project(), "--file", "docker-compose.yml", "--file", "docker-compose.prod.yml", "--env-file",
				empty.toString(), "config", "--quiet");
		assertThat(config.exitCode()).isNotZero();
		assertThat(config.output()).containsPattern("required variable [A-Z_]+ is missing a value");
	}

	@Test
	@Order(2)
	void comesUpHealthyPublishingOnlyTheEdgeAndServesTheApiOverHttps() throws Exception {
		long start = System.nanoTime();
		compose("up", "--detach", "--wait", "--wait-timeout", "420").requireHealthy(production.project());
		report("production overlay: up to all healthy (s)", seconds(start));

		// One "service address:port->port" per published port, in whatever order Docker lists them.
		String published = compose("ps", "--format",
				"{{range .Publishers}}{{if .PublishedPort}}{{$.Service}} {{.URL}}:{{.PublishedPort}}->{{.TargetPort}};{{end}}{{end}}")
			.requireSuccess();
		Set<String> bindings = new HashSet<>();
		for (String binding : published.split("[;\\n]")) {
			if (!binding.isBlank()) {
				bindings.add(binding.strip());
			}
		}
		assertThat(bindings).containsExactlyInAnyOrder("edge 127.0.0.1:" + HTTPS_PORT + "->8443",
				"edge 127.0.0.1:" + HTTP_PORT + "->8080");

		HttpClient https = HttpClient.newBuilder()
			.sslContext(trusting(WORK.resolve("certs/fullchain.pem")))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest plans = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HTTPS_PORT + "/api/payments/plans"))
			.timeout(Duration.ofSeconds(30))
			.build();
		ZViewerStack.awaitAssertion(Duration.ofSeconds(90), () -> {
			HttpResponse<String> response = send(https, plans);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
			// The prod profile: no instance names in answers.
			assertThat(response.headers().firstValue("X-Served-By")).isEmpty();
		});
		HttpResponse<String> plain = send(HttpClient.newHttpClient(),
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/payments/plans")).build());
		assertThat(plain.statusCode()).isEqualTo(308);
		assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).startsWith("https://"));
	}

	@Test
	@Order(3)
	void everyContainerRunsAsANonRootUserOnAReadOnlyFileSystemWithoutCapabilities() {
		List<String> containers = compose("ps", "--quiet").requireSuccess().lines().map(String::strip).toList();
		assertThat(containers).hasSizeGreaterThanOrEqualTo(12);
		for (String container : containers) {
			String inspected = production.docker(Duration.ofMinutes(1), "inspect", "--format",
					"{{.Name}}|{{.Config.User}}|{{.HostConfig.ReadonlyRootfs}}|{{.HostConfig.CapDrop}}|{{.HostConfig.SecurityOpt}}",
					container).requireSuccess().strip();
			String[] fields = inspected.split("\\|");
			assertThat(fields[1]).as(inspected).isNotBlank().doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
			assertThat(fields[2]).as(inspected).isEqualTo("true");
			assertThat(fields[3]).as(inspected).contains("ALL");
			assertThat(fields[4]).as(inspected).contains("no-new-privileges:true");
		}
	}

	@Test
	@Order(4)
	void backsUpEveryDatabaseAndTheMediaFilesAsSoonAsItStarts() {
		Path backups = WORK.resolve("backups");
		ZViewerStack.awaitAssertion(Duration.ofSeconds(60), () -> {
			try (var listed = Files.list(backups)) {
				List<Path> complete = listed.filter((path) -> !path.getFileName().toString().endsWith(".partial"))
					.toList();
				assertThat(complete).hasSize(1);
				assertThat(complete.getFirst().resolve("SHA256SUMS")).content()
					.contains("auth.dump", "media.dump", "comments.dump", "payments.dump", "admin.dump", "media.tar");
				assertThat(Files.getAttribute(complete.getFirst().resolve("auth.dump"), "unix:uid")).isEqualTo(10001);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Netty's native transport (epoll) loads on the read-only file system, whose /tmp is a noexec tmpfs: the image
	 * carries it unpacked, so the gateway does not fall back to Java's NIO there, as it once did in production only.
	 * The thread names in its log (the access log of the requests above) show which transport serves.
	 */
	@Test
	@Order(5)
	void theGatewayServesOnNettysNativeTransport() {
		String logs = compose("logs", "--no-log-prefix", "api-gateway").requireSuccess();
		assertThat(logs).contains("\"name\":\"reactor-http-epoll-").doesNotContain("\"name\":\"reactor-http-nio-");
	}

	private static DockerCompose.Result compose(String... args) {
		List<String> command = new ArrayList<>(List.of("compose", "--project-name", production.project(), "--file",
				"docker-compose.yml", "--file", "docker-compose.prod.yml", "--env-file", ENV_FILE.toString()));
		command.addAll(List.of(args));
		return production.docker(Duration.ofMinutes(8), command.toArray(String[]::new));
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
