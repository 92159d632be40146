package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static com.zviewer.cloud.e2e.ZViewerStack.ROOT;
import static com.zviewer.cloud.e2e.ZViewerStack.seconds;
import static com.zviewer.cloud.e2e.ZViewerStack.trusting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack of docker-stack.yml on a single-node swarm (made here when the engine is in none, and left at the end),
 * from the zviewer/* images already built, with secrets of its own and a self-signed certificate: it refuses to
 * deploy without its secrets, comes up healthy behind the edge (the one published service), and under constant load
 * through the edge an image update of media-service replaces one task at a time without a failed request, while a
 * broken update (its JVM cannot start) rolls back by itself, also without a failed request. Independent of the
 * Compose system of the other end-to-end tests: it starts none of it.
 */
@Order(9)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmIT {

	private static final String STACK = "zviewer-swarm";

	private static final String MEDIA = STACK + "_media-service";

	private static final int MEDIA_REPLICAS = 2;

	private static final int HTTPS_PORT = 18543;

	private static final int HTTP_PORT = 18580;

	private static final String EDGE = "https://127.0.0.1:" + HTTPS_PORT;

	/** The version of the zviewer/* images the stack runs: ZVIEWER_VERSION, as the stack file reads it. */
	private static final String VERSION = System.getenv().getOrDefault("ZVIEWER_VERSION", "latest");

	private static final String NEXT_IMAGE = "zviewer/media-service:swarm-next";

	private static final String BROKEN_IMAGE = "zviewer/media-service:swarm-broken";

	private static final Path WORK = ROOT.resolve("e2e-tests/target/swarm");

	/**
	 * What the stack's config server serves: a copy of config-repo/, so that an edit there while the test runs never
	 * reaches the stack (the config server would announce it at once). The system property zviewer.swarm.config-repo
	 * names another directory to copy, e.g. the config-repo/ of the commit the images were built from.
	 */
	private static final Path CONFIG_REPO = WORK.resolve("config-repo");

	private static final Map<String, String> environment = new LinkedHashMap<>();

	private static final DockerCompose swarm = new DockerCompose(ROOT, STACK, environment);

	private static final Map<String, String> numbers = new LinkedHashMap<>();

	private static SSLContext trustingTheEdge;

	private static HttpClient https;

	private static boolean swarmMadeHere;

	private static boolean gatewayBridgeMadeHere;

	@BeforeAll
	static void swarmSecretsAndCertificate() throws Exception {
		Files.createDirectories(WORK.resolve("certs"));
		swarm.run(Duration.ofMinutes(1), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
				"-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
				WORK.resolve("certs/privkey.pem").toString(), "-out", WORK.resolve("certs/fullchain.pem").toString());
		trustingTheEdge = trusting(WORK.resolve("certs/fullchain.pem"));
		https = HttpClient.newBuilder().sslContext(trustingTheEdge).connectTimeout(Duration.ofSeconds(5)).build();

		// Every setting of the development .env, with a fresh random value for each of its dev- secrets.
		SecureRandom random = new SecureRandom();
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
			environment.put(line.substring(0, equals), value);
		}
		copyConfigRepo(Path.of(System.getProperty("zviewer.swarm.config-repo",
				ROOT.resolve("config-repo").toString())));
		environment.put("CONFIG_REPO_DIR", CONFIG_REPO.toString());
		environment.put("EDGE_CERTS_DIR", WORK.resolve("certs").toString());
		environment.put("EDGE_HTTPS_PORT", String.valueOf(HTTPS_PORT));
		environment.put("EDGE_HTTP_PORT", String.valueOf(HTTP_PORT));
		// Small enough for a machine of two cores: one of each, but two of the service that is updated.
		for (String service : List.of("AUTH", "COMMENTS", "PAYMENTS", "ADMIN")) {
			environment.put(service + "_REPLICAS", "1");
		}
		environment.put("MEDIA_REPLICAS", String.valueOf(MEDIA_REPLICAS));

		// Made by the other end-to-end tests (or docker compose build) and scripts/build-offline-images.sh; a swarm
		// node would try a registry for anything missing.
		List<String> images = new ArrayList<>(
				List.of("postgres:17", "rabbitmq:4.0-management", "redis:8.0", "nginx:1.26"));
		for (String application : List.of("discovery-server", "config-server", "api-gateway", "auth-service",
				"media-service", "comments-service", "payments-service", "admin-service", "video-thumbnailer")) {
			images.add("zviewer/" + application + ":" + VERSION);
		}
		for (String image : images) {
			assertThat(swarm.docker(Duration.ofMinutes(1), "image", "inspect", "--format", "{{.Id}}", image).exitCode())
				.as("the image %s is missing: build the images first", image)
				.isZero();
		}

		String state = docker("info", "--format", "{{.Swarm.LocalNodeState}}").strip();
		if (!state.equals("active")) {
			gatewayBridgeMadeHere = swarm.docker(Duration.ofMinutes(1), "network", "inspect", "docker_gwbridge")
				.exitCode() != 0;
			docker("swarm", "init", "--advertise-addr", "127.0.0.1");
			swarmMadeHere = true;
		}
		// The same image under other names: what an update would deploy.
		docker("tag", "zviewer/media-service:" + VERSION, NEXT_IMAGE);
		docker("tag", "zviewer/media-service:" + VERSION, BROKEN_IMAGE);
	}

	/** Keeps what happened, then removes the stack, its volumes, the image names and the swarm, whatever failed. */
	@AfterAll
	static void removeEverything() throws IOException {
		try {
			keepLogs();
			swarm.docker(Duration.ofMinutes(2), "stack", "rm", STACK);
			// The stack's containers stop within their grace periods; only then can the volumes go.
			ZViewerStack.awaitAssertion(Duration.ofMinutes(3), () -> assertThat(containers()).isEmpty());
		}
		finally {
			List<String> volumes = swarm
				.docker(Duration.ofMinutes(1), "volume", "ls", "--quiet", "--filter", "name=" + STACK + "_")
				.output()
				.lines()
				.map(String::strip)
				.filter((name) -> name.startsWith(STACK + "_"))
				.toList();
			for (String volume : volumes) {
				swarm.docker(Duration.ofMinutes(1), "volume", "rm", volume);
			}
			swarm.docker(Duration.ofMinutes(1), "image", "rm", NEXT_IMAGE, BROKEN_IMAGE);
			if (swarmMadeHere) {
				swarm.docker(Duration.ofMinutes(2), "swarm", "leave", "--force");
				if (gatewayBridgeMadeHere) {
					swarm.docker(Duration.ofMinutes(1), "network", "rm", "docker_gwbridge");
				}
			}
			StringBuilder text = new StringBuilder("ZViewer on Docker Swarm: measurements\n");
			numbers.forEach((what, value) -> text.append(what).append(": ").append(value).append('\n'));
			System.out.println(text);
			Files.writeString(WORK.resolve("swarm-report.txt"), text);
		}
	}

	/**
	 * The tasks of every service and the output of every container of the stack, the replaced ones too, in
	 * e2e-tests/target/swarm/ ({@code docker service logs} may never return, so the containers' own logs).
	 */
	private static void keepLogs() throws IOException {
		Path logs = Files.createDirectories(WORK.resolve("logs"));
		StringBuilder tasks = new StringBuilder();
		for (String service : services()) {
			tasks.append(swarm.docker(Duration.ofMinutes(1), "service", "ps", "--no-trunc", "--format",
					"{{.Name}} {{.Image}} {{.DesiredState}} {{.CurrentState}} {{.Error}}", service).output());
		}
		Files.writeString(logs.resolve("tasks.txt"), tasks);
		for (String container : containers()) {
			String name = swarm.docker(Duration.ofMinutes(1), "inspect", "--format", "{{.Name}}", container)
				.output()
				.strip();
			Files.writeString(logs.resolve(name.replace("/", "") + ".log"),
					swarm.docker(Duration.ofMinutes(1), "logs", "--timestamps", container).output());
		}
	}

	private static void copyConfigRepo(Path source) throws IOException {
		Files.createDirectories(CONFIG_REPO);
		try (var stale = Files.list(CONFIG_REPO)) {
			for (Path file : stale.toList()) {
				Files.delete(file);
			}
		}
		try (var files = Files.list(source)) {
			for (Path file : files.toList()) {
				Files.copy(file, CONFIG_REPO.resolve(file.getFileName()));
			}
		}
	}

	/** The stack's containers, running or not. */
	private static List<String> containers() {
		return swarm
			.docker(Duration.ofMinutes(1), "ps", "--all", "--quiet", "--filter",
					"label=com.docker.stack.namespace=" + STACK)
			.output()
			.lines()
			.map(String::strip)
			.filter((id) -> !id.isEmpty())
			.toList();
	}

	@Test
	@Order(1)
	void refusesToDeployWithoutItsSecrets() {
		DockerCompose.Result config = new DockerCompose(ROOT, STACK, Map.of()).docker(Duration.ofMinutes(1), "stack",
				"config", "--compose-file", "docker-stack.yml");
		assertThat(config.exitCode()).isNotZero();
		assertThat(config.output()).containsPattern("required variable [A-Z_]+ is missing a value");
	}

	@Test
	@Order(2)
	void comesUpHealthyBehindTheEdgeAloneAndRoutesToEveryService() {
		long start = System.nanoTime();
		swarm.run(Duration.ofMinutes(3), "docker", "stack", "deploy", "--compose-file", "docker-stack.yml",
				"--resolve-image", "never", "--prune", "--detach=true", STACK);
		// A task counts as running only once its health check passed.
		ZViewerStack.awaitAssertion(Duration.ofMinutes(10), () -> {
			String replicas = docker("service", "ls", "--filter", "label=com.docker.stack.namespace=" + STACK,
					"--format", "{{.Name}} {{.Replicas}}");
			assertThat(replicas.lines()).hasSize(13).allSatisfy((line) -> {
				String[] counts = line.split(" ")[1].split("/");
				assertThat(counts[0]).as(line).isEqualTo(counts[1]);
			});
		});
		numbers.put("deploy to every task healthy (s)", seconds(start));

		long routedStart = System.nanoTime();
		ZViewerStack.awaitRouting(Duration.ofSeconds(120), (path) -> send(ZViewerStack.get(EDGE + path)).statusCode());
		numbers.put("every task healthy -> the edge routes to every service (s)", seconds(routedStart));

		// Only the edge publishes ports, and on the node itself (no routing mesh).
		for (String service : services()) {
			String ports = docker("service", "inspect", "--format",
					"{{range .Endpoint.Ports}}{{.PublishMode}}:{{.PublishedPort}}->{{.TargetPort}} {{end}}", service)
				.strip();
			if (service.equals(STACK + "_edge")) {
				assertThat(ports.split(" ")).containsExactlyInAnyOrder("host:" + HTTPS_PORT + "->8443",
						"host:" + HTTP_PORT + "->8080");
			}
			else {
				assertThat(ports).as(service).isEmpty();
			}
			assertThat(docker("service", "inspect", "--format", "{{.Spec.EndpointSpec.Mode}}", service).strip())
				.as(service)
				.isEqualTo("dnsrr");
		}
	}

	@Test
	@Order(3)
	void anImageUpdateReplacesOneTaskAtATimeWithoutAFailedRequest() {
		Rollout rollout = underLoad("image update", () -> docker("service", "update", "--detach",
				"--no-resolve-image", "--image", NEXT_IMAGE, MEDIA), "completed");
		assertThat(rollout.states()).contains("updating");
		assertThat(rollout.fewestRunning()).isGreaterThanOrEqualTo(MEDIA_REPLICAS);
		assertThat(rollout.mostRunning()).isLessThanOrEqualTo(MEDIA_REPLICAS + 1);
		assertThat(docker("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", MEDIA))
			.startsWith(NEXT_IMAGE);
		assertThat(runningTaskImages()).hasSize(MEDIA_REPLICAS)
			.allSatisfy((image) -> assertThat(image).startsWith(NEXT_IMAGE));
	}

	@Test
	@Order(4)
	void aBrokenUpdateRollsBackByItselfWithoutAFailedRequest() {
		// The JVM refuses an option it does not know: every new task exits at once.
		Rollout rollout = underLoad("broken update", () -> docker("service", "update", "--detach",
				"--no-resolve-image", "--image", BROKEN_IMAGE, "--env-add",
				"JAVA_TOOL_OPTIONS=-XX:+ZViewerBrokenOnPurpose", MEDIA), "rollback_completed");
		assertThat(rollout.states()).contains("rollback_started");
		assertThat(rollout.fewestRunning()).isGreaterThanOrEqualTo(MEDIA_REPLICAS);
		assertThat(docker("service", "inspect", "--format",
				"{{.Spec.TaskTemplate.ContainerSpec.Image}} {{.Spec.TaskTemplate.ContainerSpec.Env}}", MEDIA))
			.startsWith(NEXT_IMAGE)
			.doesNotContain("JAVA_TOOL_OPTIONS");
		assertThat(docker("service", "ps", "--format", "{{.Image}} {{.CurrentState}} {{.Error}}", MEDIA))
			.as("a task of the broken update failed")
			.containsPattern(BROKEN_IMAGE + " (Failed|Rejected|Shutdown|Complete)");
		assertThat(runningTaskImages()).hasSize(MEDIA_REPLICAS)
			.allSatisfy((image) -> assertThat(image).startsWith(NEXT_IMAGE));
	}

	/** What a rollout looked like: the update states seen and the fewest and most healthy tasks at any time. */
	private record Rollout(List<String> states, int fewestRunning, int mostRunning) {
	}

	/**
	 * Starts the load through the edge, then the update, and follows the service's tasks and update state until it
	 * reaches the expected one; then stops the load and requires that no request failed.
	 */
	private Rollout underLoad(String name, Runnable update, String expectedState) {
		String user = register(name.replace(' ', '-'));
		HttpResponse<String> login = send(ZViewerStack.post(EDGE + "/api/auth/login",
				"{\"email\":\"" + user + "\",\"password\":\"" + Session.PASSWORD + "\"}"));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		String accessToken = JsonPath.read(login.body(), "$.accessToken");

		LoadGenerator load = new LoadGenerator(EDGE, Duration.ofMinutes(8), accessToken, trustingTheEdge).start();
		try {
			ZViewerStack.sleep(Duration.ofSeconds(5));
			long start = System.nanoTime();
			update.run();
			List<String> states = new ArrayList<>();
			int fewest = Integer.MAX_VALUE;
			int most = 0;
			long deadline = System.nanoTime() + Duration.ofMinutes(7).toNanos();
			String state = "";
			while (!state.equals(expectedState)) {
				assertThat(System.nanoTime()).as("%s: %s after %s", name, states, seconds(start)).isLessThan(deadline);
				state = docker("service", "inspect", "--format", "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}",
						MEDIA).strip();
				if (!state.isEmpty() && (states.isEmpty() || !states.getLast().equals(state))) {
					states.add(state);
				}
				int running = runningTaskImages().size();
				fewest = Math.min(fewest, running);
				most = Math.max(most, running);
				ZViewerStack.sleep(Duration.ofMillis(500));
			}
			numbers.put(name + ": update states", String.join(" -> ", states));
			numbers.put(name + ": duration until " + expectedState + " (s)", seconds(start));
			numbers.put(name + ": healthy tasks (fewest, most)", fewest + ", " + most);
			// The replaced tasks drain for a while after the update completes: keep the load on until they are gone.
			ZViewerStack.sleep(Duration.ofSeconds(40));
			load.stop();
			numbers.put(name + ": requests sent, failed reads, failed writes",
					load.sent() + ", " + load.failedReads() + ", " + load.failedWrites());
			numbers.put(name + ": latency p50, p99, max (ms)", load.percentileMillis(0.5) + ", "
					+ load.percentileMillis(0.99) + ", " + load.percentileMillis(1.0));
			assertThat(load.sent()).isGreaterThan(100);
			assertThat(load.failedReads() + load.failedWrites()).as("%s", load.failures()).isZero();
			return new Rollout(states, fewest, most);
		}
		finally {
			load.stop();
		}
	}

	/** The images of the media-service tasks that are running (so healthy) and meant to keep running. */
	private static List<String> runningTaskImages() {
		return docker("service", "ps", "--filter", "desired-state=running", "--format", "{{.CurrentState}}|{{.Image}}",
				MEDIA)
			.lines()
			.filter((line) -> line.startsWith("Running"))
			.map((line) -> line.substring(line.indexOf('|') + 1))
			.toList();
	}

	/** Registers a new account through the edge; its email. */
	private static String register(String name) {
		String email = name + "-" + System.nanoTime() + "@example.com";
		ZViewerStack.awaitAssertion(Duration.ofSeconds(30), () -> {
			HttpResponse<String> response = send(ZViewerStack.post(EDGE + "/api/users", "{\"email\":\"" + email
					+ "\",\"password\":\"" + Session.PASSWORD + "\",\"displayName\":\"" + name + "\"}"));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		});
		return email;
	}

	private static List<String> services() {
		return swarm.docker(Duration.ofMinutes(1), "service", "ls", "--filter",
				"label=com.docker.stack.namespace=" + STACK, "--format", "{{.Name}}")
			.output()
			.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith(STACK + "_"))
			.toList();
	}

	private static String docker(String... args) {
		return swarm.docker(Duration.ofMinutes(2), args).requireSuccess();
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return https.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("No answer from " + request.build().uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
