package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system in real containers, built from this checkout and started with docker-compose.yml exactly as the
 * README says, then looked at only from outside: through the published ports and the docker command line. Prints
 * what it measured; the stack is torn down ({@code down -v}) at the end, also when something failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZViewerSystemIT {

	private static final Path ROOT = Path.of(System.getProperty("zviewer.root", "..")).toAbsolutePath().normalize();

	private static final int GATEWAY_PORT = 18080;

	private static final int EUREKA_PORT = 18761;

	private static final String GATEWAY = "http://127.0.0.1:" + GATEWAY_PORT;

	private static final String EUREKA = "http://127.0.0.1:" + EUREKA_PORT;

	private static final List<String> APPLICATIONS = List.of("API-GATEWAY", "CONFIG-SERVER", "AUTH-SERVICE",
			"MEDIA-SERVICE", "COMMENTS-SERVICE", "PAYMENTS-SERVICE", "ADMIN-SERVICE");

	private static final Map<String, String> ENV = readDotEnv();

	private static final DockerCompose compose = new DockerCompose(ROOT, "zviewer-e2e",
			Map.of("GATEWAY_PORT", String.valueOf(GATEWAY_PORT), "EUREKA_PORT", String.valueOf(EUREKA_PORT)));

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Map<String, String> report = new LinkedHashMap<>();

	@BeforeAll
	static void startTheSystem() {
		compose.compose(Duration.ofMinutes(5), "down", "--volumes", "--remove-orphans");
		long buildStart = System.nanoTime();
		compose.compose(Duration.ofMinutes(10), "build");
		report.put("images built (s)", seconds(buildStart));
		long upStart = System.nanoTime();
		compose.compose(Duration.ofMinutes(6), "up", "--detach", "--wait", "--wait-timeout", "300");
		report.put("docker compose up to all healthy (s)", seconds(upStart));
	}

	@AfterAll
	static void stopTheSystem() throws IOException {
		try {
			Path logs = ROOT.resolve("e2e-tests/target/e2e-compose.log");
			Files.createDirectories(logs.getParent());
			Files.writeString(logs, compose.docker(Duration.ofMinutes(1), "compose", "--project-name",
					compose.project(), "logs", "--no-color", "--timestamps").output());
			report.put("memory per container after the tests", "\n" + compose.docker(Duration.ofMinutes(1), "stats",
					"--no-stream", "--format", "  {{.Name}}\t{{.MemUsage}}").output());
			report.put("image sizes", "\n" + compose.docker(Duration.ofMinutes(1), "image", "ls", "--format",
					"  {{.Repository}}:{{.Tag}}\t{{.Size}}", "zviewer/*").output());
		}
		finally {
			compose.compose(Duration.ofMinutes(5), "down", "--volumes", "--remove-orphans");
			StringBuilder text = new StringBuilder("ZViewer end-to-end measurements\n");
			report.forEach((what, value) -> text.append(what).append(": ").append(value).append('\n'));
			System.out.println(text);
			Files.writeString(ROOT.resolve("e2e-tests/target/e2e-report.txt"), text);
		}
	}

	@Test
	@Order(1)
	void everyApplicationIsUpInEureka() {
		Map<String, List<String>> up = eventually(Duration.ofSeconds(90), () -> {
			Map<String, List<String>> instances = new TreeMap<>();
			APPLICATIONS.forEach((application) -> instances.put(application, upInstances(application)));
			assertThat(instances).allSatisfy((application, ids) -> assertThat(ids).as(application).hasSize(1));
			return instances;
		});
		assertThat(up.get("MEDIA-SERVICE").get(0)).matches("media-service:\\d+\\.\\d+\\.\\d+\\.\\d+:8080");
	}

	@Test
	@Order(2)
	void eachServiceWritesAndReadsItsDatabaseThroughTheGateway() {
		Map<String, String> creations = new LinkedHashMap<>();
		creations.put("/api/users", "{\"email\":\"e2e-" + System.nanoTime() + "@example.com\",\"displayName\":\"E2E\"}");
		creations.put("/api/media", "{\"title\":\"Holiday\",\"mediaType\":\"VIDEO\"}");
		creations.put("/api/comments", "{\"mediaId\":1,\"author\":\"e2e\",\"body\":\"Lovely\"}");
		creations.put("/api/payments", "{\"amountCents\":1999,\"currency\":\"GBP\"}");
		creations.put("/api/admin/audit-events", "{\"actor\":\"e2e\",\"action\":\"check\",\"target\":\"system\"}");
		creations.forEach((path, json) -> {
			HttpResponse<String> created = send(post(GATEWAY + path, json));
			assertThat(created.statusCode()).as(path).isEqualTo(201);
			assertThat(created.headers().firstValue("X-Served-By")).as(path).isPresent();
			Integer id = JsonPath.read(created.body(), "$.id");
			String read = path.equals("/api/admin/audit-events") ? path : path + "/" + id;
			HttpResponse<String> fetched = send(get(GATEWAY + read));
			assertThat(fetched.statusCode()).as(read).isEqualTo(200);
			assertThat(fetched.body()).as(read).contains("\"id\":" + id);
		});

		HttpResponse<String> invalid = send(post(GATEWAY + "/api/payments", "{\"amountCents\":1,\"currency\":\"EUR\"}"));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(send(get(GATEWAY + "/api/nowhere")).statusCode()).isEqualTo(404);
	}

	@Test
	@Order(3)
	void eurekaConfigServerAndActuatorRefuseRequestsWithoutCredentials() {
		assertThat(send(get(EUREKA + "/")).statusCode()).isEqualTo(401);
		assertThat(send(get(EUREKA + "/eureka/apps")).statusCode()).isEqualTo(401);
		assertThat(send(withAuth(get(EUREKA + "/eureka/apps"), ENV.get("EUREKA_USERNAME"), "wrong")).statusCode()).isEqualTo(401);
		assertThat(send(withAuth(get(EUREKA + "/"), ENV.get("EUREKA_USERNAME"), ENV.get("EUREKA_PASSWORD"))).statusCode())
			.isEqualTo(200);
		assertThat(send(get(GATEWAY + "/actuator/prometheus")).statusCode()).isEqualTo(401);

		// The config server is published nowhere: ask it from a container on the system's own network.
		String config = "http://config-server:8888/media-service/default";
		DockerCompose.Result anonymous = onNetwork("wget", "-q", "-O", "-", config);
		assertThat(anonymous.exitCode()).isNotZero();
		assertThat(anonymous.output()).contains("401");
		DockerCompose.Result authorised = onNetwork("wget", "-q", "-O", "-", "--header",
				"Authorization: Basic " + basic(ENV.get("CONFIG_SERVER_USERNAME"), ENV.get("CONFIG_SERVER_PASSWORD")),
				config);
		assertThat(authorised.exitCode()).isZero();
		assertThat(authorised.output()).contains("\"zviewer.database\":\"media\"");
	}

	@Test
	@Order(4)
	void onlyTheGatewayAndTheDashboardArePublishedAndOnlyOnLoopback() {
		String published = compose.compose(Duration.ofMinutes(1), "ps", "--format",
				"{{.Service}}{{range .Publishers}}{{if .PublishedPort}} {{.URL}}:{{.PublishedPort}}->{{.TargetPort}}{{end}}{{end}}");
		Set<String> bindings = new HashSet<>();
		published.lines().map(String::strip).filter((line) -> line.contains(" ")).forEach(bindings::add);
		assertThat(bindings).containsExactlyInAnyOrder("api-gateway 127.0.0.1:" + GATEWAY_PORT + "->8080",
				"discovery-server 127.0.0.1:" + EUREKA_PORT + "->8761");
	}

	@Test
	@Order(5)
	void scalingMediaServiceToThreeSpreadsTheLoadWithoutRestartingAnything() {
		String before = compose.compose(Duration.ofMinutes(1), "ps", "--quiet");
		long scaleStart = System.nanoTime();
		compose.compose(Duration.ofMinutes(5), "up", "--detach", "--scale", "media-service=3", "--no-recreate", "--wait",
				"--wait-timeout", "240");
		report.put("scale media-service 1 -> 3: replicas healthy (s)", seconds(scaleStart));

		awaitAssertion(Duration.ofSeconds(60), () -> assertThat(upInstances("MEDIA-SERVICE")).hasSize(3));
		report.put("scale media-service 1 -> 3: three instances UP in Eureka (s)", seconds(scaleStart));
		Set<String> seen = eventually(Duration.ofSeconds(60), () -> {
			Set<String> servers = new HashSet<>();
			for (int i = 0; i < 9; i++) {
				servers.add(servedBy(send(get(GATEWAY + "/api/media?size=1"))));
			}
			assertThat(servers).hasSize(3);
			return servers;
		});
		report.put("scale media-service 1 -> 3: all three serve through the gateway (s)", seconds(scaleStart));

		Map<String, Integer> counts = new TreeMap<>();
		for (int i = 0; i < 300; i++) {
			HttpResponse<String> response = send(get(GATEWAY + "/api/media?size=1"));
			assertThat(response.statusCode()).isEqualTo(200);
			counts.merge(servedBy(response), 1, Integer::sum);
		}
		report.put("300 requests by instance", counts.toString());
		assertThat(counts.keySet()).isEqualTo(seen);
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isGreaterThanOrEqualTo(60));

		// Scaling only added containers: every container that ran before still runs, none was recreated.
		String after = compose.compose(Duration.ofMinutes(1), "ps", "--quiet");
		assertThat(after.lines()).containsAll(before.lines().toList()).hasSize((int) before.lines().count() + 2);
	}

	private static List<String> upInstances(String application) {
		HttpResponse<String> response = send(withAuth(get(EUREKA + "/eureka/apps/" + application),
				ENV.get("EUREKA_USERNAME"), ENV.get("EUREKA_PASSWORD")));
		if (response.statusCode() == 404) {
			return List.of();
		}
		assertThat(response.statusCode()).as(application).isEqualTo(200);
		return JsonPath.read(response.body(), "$.application.instance[?(@.status == 'UP')].instanceId");
	}

	private static DockerCompose.Result onNetwork(String... command) {
		String[] args = new String[] { "run", "--rm", "--network", compose.project() + "_zviewer", "busybox:1.37" };
		String[] all = new String[args.length + command.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(command, 0, all, args.length, command.length);
		return compose.docker(Duration.ofMinutes(1), all);
	}

	private static String servedBy(HttpResponse<String> response) {
		return response.headers().firstValue("X-Served-By").orElseThrow();
	}

	private static HttpRequest.Builder get(String uri) {
		return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).header("Accept",
				"application/json");
	}

	private static HttpRequest.Builder post(String uri, String json) {
		return get(uri).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
	}

	private static HttpRequest.Builder withAuth(HttpRequest.Builder request, String username, String password) {
		return request.header("Authorization", "Basic " + basic(username, password));
	}

	private static String basic(String username, String password) {
		return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("No answer from " + request.build().uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Retries an assertion until it holds or the time is up, then returns what it returned. */
	private static <T> T eventually(Duration timeout, Supplier<T> attempt) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				return attempt.get();
			}
			catch (AssertionError ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				sleep();
			}
		}
	}

	private static void awaitAssertion(Duration timeout, Runnable assertion) {
		eventually(timeout, () -> {
			assertion.run();
			return null;
		});
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String seconds(long startNanos) {
		return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
	}

	/** The credentials the stack runs with: the same .env that docker compose reads. */
	private static Map<String, String> readDotEnv() {
		try {
			Map<String, String> values = new LinkedHashMap<>();
			for (String line : Files.readAllLines(ROOT.resolve(".env"))) {
				int equals = line.indexOf('=');
				if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
					values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
				}
			}
			values.putAll(System.getenv());
			return values;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + ROOT.resolve(".env"), ex);
		}
	}

}
