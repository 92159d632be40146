package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system in real containers, built from this checkout and started with docker-compose.yml as the README
 * says, once for all end-to-end test classes ({@code @ExtendWith(ZViewerStack.class)}), and torn down with
 * {@code down -v} after the last one, also when something failed, or before the first class that starts a project of
 * its own ({@code @ExtendWith(ZViewerStack.OwnProject.class)}). Tests look at it only from outside: through the
 * published ports and the docker command line. What they measure goes into a report printed at the end and written
 * to {@code e2e-tests/target/e2e-report.txt}.
 */
final class ZViewerStack implements BeforeAllCallback {

	static final Path ROOT = Path.of(System.getProperty("zviewer.root", "..")).toAbsolutePath().normalize();

	static final int GATEWAY_PORT = 18080;

	static final int EUREKA_PORT = 18761;

	static final String GATEWAY = "http://127.0.0.1:" + GATEWAY_PORT;

	static final String EUREKA = "http://127.0.0.1:" + EUREKA_PORT;

	/** The credentials the stack runs with: the same .env that docker compose reads. */
	static final Map<String, String> ENV = readDotEnv();

	/** A copy of config-repo/ that the tests may edit; the config server of the test system serves this one. */
	static final Path CONFIG_REPO = ROOT.resolve("e2e-tests/target/config-repo");

	/** Where Alertmanager sends its notifications: a receiver in this JVM (see MonitoringIT). */
	static final AlertReceiver alerts = new AlertReceiver(dockerBridgeGateway());

	static final DockerCompose compose = new DockerCompose(ROOT, "zviewer-e2e",
			Map.of("GATEWAY_PORT", String.valueOf(GATEWAY_PORT), "EUREKA_PORT", String.valueOf(EUREKA_PORT),
					"CONFIG_REPO_DIR", CONFIG_REPO.toString(), "ALERT_WEBHOOK_URL", alerts.url()));

	/**
	 * What the tests start: every service of the monitoring profile too, but Grafana, Loki and Alloy, which no
	 * Debian package provides, so a machine that reaches no registry cannot run them (monitoring/validate.py checks
	 * their files instead).
	 */
	static final List<String> NOT_STARTED = List.of("grafana", "loki", "alloy");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Map<String, String> report = new LinkedHashMap<>();

	@Override
	public void beforeAll(ExtensionContext context) {
		Run.of(context).sharedSystem();
	}

	/**
	 * For a test class that runs a whole project of its own (the production overlay, the backup project) on the
	 * images of this checkout: builds them if no class did yet, and takes the shared system down first (keeping its
	 * logs and numbers), since two systems starting side by side on two cores slow each other down and make health
	 * checks miss. A later class that needs the shared system starts it again; the classes with a project of their
	 * own come last (their {@code @Order}).
	 */
	static final class OwnProject implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) throws IOException {
			Run.of(context).ownProject();
		}

	}

	/**
	 * What one run of the test classes shares, kept in JUnit's root store: the images (built once), the shared system
	 * while it runs, and the report, written when JUnit closes the store after the last class.
	 */
	private static final class Run implements AutoCloseable {

		private RuntimeException buildFailure;

		private boolean built;

		/** The shared system, while it runs. */
		private boolean started;

		/** Why the shared system did not start: kept, so later classes fail at once instead of starting it again. */
		private RuntimeException startFailure;

		static Run of(ExtensionContext context) {
			return context.getRoot()
				.getStore(ExtensionContext.Namespace.GLOBAL)
				.computeIfAbsent(Run.class, (key) -> new Run(), Run.class);
		}

		synchronized void sharedSystem() {
			if (!this.started && this.startFailure == null) {
				this.started = true;
				try {
					start();
				}
				catch (RuntimeException ex) {
					this.startFailure = ex;
				}
				catch (AssertionError ex) {
					this.startFailure = new IllegalStateException(ex.getMessage(), ex);
				}
			}
			if (this.startFailure != null) {
				throw new IllegalStateException("The system did not start; see e2e-tests/target/e2e-compose.log",
						this.startFailure);
			}
		}

		synchronized void ownProject() throws IOException {
			if (this.started) {
				retire();
			}
			images();
		}

		private void images() {
			if (!this.built && this.buildFailure == null) {
				long buildStart = System.nanoTime();
				try {
					compose.compose(Duration.ofMinutes(10), "build");
					this.built = true;
					report("images built (s)", seconds(buildStart));
				}
				catch (RuntimeException ex) {
					this.buildFailure = ex;
				}
			}
			if (this.buildFailure != null) {
				throw new IllegalStateException("The images could not be built", this.buildFailure);
			}
		}

		private void start() {
			copyConfigRepo();
			removeEverything();
			images();
			long upStart = System.nanoTime();
			List<String> up = new java.util.ArrayList<>(List.of("--profile", "monitoring", "up", "--detach", "--wait",
					"--wait-timeout", "420"));
			compose.compose(Duration.ofMinutes(1), "--profile", "monitoring", "config", "--services")
				.lines()
				.map(String::strip)
				.filter((service) -> !service.isEmpty() && !NOT_STARTED.contains(service))
				.forEach(up::add);
			compose.compose(Duration.ofMinutes(8), up.toArray(String[]::new));
			report("docker compose up to all healthy (s)", seconds(upStart));
			// Healthy containers are registered in Eureka; the gateway learns of them with its next registry fetch.
			long routedStart = System.nanoTime();
			awaitRouting(Duration.ofSeconds(90), (path) -> send(get(GATEWAY + path)).statusCode());
			report("all healthy -> the gateway routes to every service (s)", seconds(routedStart));
		}

		/** Keeps the shared system's logs and numbers, then removes it. */
		private void retire() throws IOException {
			this.started = false;
			this.startFailure = null;
			try {
				Path logs = ROOT.resolve("e2e-tests/target/e2e-compose.log");
				Files.createDirectories(logs.getParent());
				Files.writeString(logs, compose.docker(Duration.ofMinutes(1), "compose", "--project-name",
						compose.project(), "--profile", "monitoring", "logs", "--no-color", "--timestamps").output());
				report("memory per container at the end", "\n" + compose.docker(Duration.ofMinutes(1), "stats",
						"--no-stream", "--format", "  {{.Name}}\t{{.MemUsage}}").output());
				report("image sizes", "\n" + compose.docker(Duration.ofMinutes(1), "image", "ls", "--format",
						"  {{.Repository}}:{{.Tag}}\t{{.Size}}", "zviewer/*").output());
			}
			finally {
				removeEverything();
			}
		}

		@Override
		public synchronized void close() throws IOException {
			try {
				if (this.started) {
					retire();
				}
			}
			finally {
				alerts.stop();
				StringBuilder text = new StringBuilder("ZViewer end-to-end measurements\n");
				report.forEach((what, value) -> text.append(what).append(": ").append(value).append('\n'));
				System.out.println(text);
				Files.createDirectories(ROOT.resolve("e2e-tests/target"));
				Files.writeString(ROOT.resolve("e2e-tests/target/e2e-report.txt"), text);
			}
		}

	}

	/**
	 * Removes every container, network and volume of the test project, the monitoring profile's too. Compose's own
	 * {@code down} gives up when a container's dependency is already gone (a monitoring exporter left from an
	 * interrupted run, without its database), so what it leaves is removed by the project's label.
	 */
	private static void removeEverything() {
		compose.docker(Duration.ofMinutes(5), "compose", "--project-name", compose.project(), "--profile", "monitoring",
				"down", "--volumes", "--remove-orphans");
		String left = compose.docker(Duration.ofMinutes(1), "ps", "--all", "--quiet", "--filter",
				"label=com.docker.compose.project=" + compose.project()).output().strip();
		if (!left.isEmpty()) {
			List<String> remove = new java.util.ArrayList<>(List.of("rm", "--force", "--volumes"));
			remove.addAll(left.lines().map(String::strip).toList());
			compose.docker(Duration.ofMinutes(2), remove.toArray(String[]::new)).requireSuccess();
			compose.compose(Duration.ofMinutes(5), "--profile", "monitoring", "down", "--volumes", "--remove-orphans");
		}
	}

	/**
	 * What to know when {@code up --wait} of a project fails: the host's load, and for each of its containers that is
	 * not healthy its last health checks (start, end, exit code, output), its memory and the end of its log.
	 */
	static String whyNotHealthy(String project) {
		DockerCompose docker = new DockerCompose(ROOT, project, Map.of());
		StringBuilder why = new StringBuilder("\nload average: ");
		try {
			why.append(Files.readString(Path.of("/proc/loadavg")).strip());
		}
		catch (IOException ex) {
			why.append(ex);
		}
		why.append("\nmemory:\n").append(docker.docker(Duration.ofMinutes(1), "stats", "--no-stream", "--format",
				"  {{.Name}}\t{{.MemUsage}}\t{{.CPUPerc}}").output());
		String containers = docker.docker(Duration.ofMinutes(1), "ps", "--all", "--format",
				"{{.Names}} {{.Status}}", "--filter", "label=com.docker.compose.project=" + project).output();
		for (String line : containers.lines().filter((line) -> !line.contains("(healthy)")).toList()) {
			String name = line.split(" ")[0];
			why.append("\n--- ").append(line).append('\n')
				.append(docker.docker(Duration.ofMinutes(1), "inspect", "--format",
						"{{if .State.Health}}{{range .State.Health.Log}}{{.Start}} -> {{.End}} exit {{.ExitCode}}: {{.Output}}\n{{end}}{{end}}"
								+ "OOMKilled={{.State.OOMKilled}} restarts={{.RestartCount}}",
						name).output())
				.append('\n')
				.append(docker.docker(Duration.ofMinutes(1), "logs", "--tail", "40", "--timestamps", name).output());
		}
		return why.toString();
	}

	/** The host's address on Docker's default bridge: what {@code host.docker.internal} (host-gateway) reaches. */
	private static String dockerBridgeGateway() {
		DockerCompose.Result result = new DockerCompose(ROOT, "zviewer-e2e", Map.of()).docker(Duration.ofMinutes(1),
				"network", "inspect", "bridge", "--format", "{{(index .IPAM.Config 0).Gateway}}");
		if (result.exitCode() != 0 || result.output().isBlank()) {
			throw new IllegalStateException("Cannot find Docker's bridge gateway: " + result.output());
		}
		return result.output().strip();
	}

	private static void copyConfigRepo() {
		try {
			Files.createDirectories(CONFIG_REPO);
			try (var files = Files.list(ROOT.resolve("config-repo"))) {
				for (Path file : files.toList()) {
					Files.copy(file, CONFIG_REPO.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static synchronized void report(String what, String value) {
		report.put(what, value);
	}

	static String seconds(long startNanos) {
		return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
	}

	/** Instance ids of the application's instances that Eureka lists as UP. */
	static List<String> upInstances(String application) {
		String registry = eurekaApplication(application);
		return (registry != null)
				? JsonPath.read(registry, "$.application.instance[?(@.status == 'UP')].instanceId") : List.of();
	}

	/** Every registration of the application, UP or not, as "instance id status". */
	static List<String> registrations(String application) {
		String registry = eurekaApplication(application);
		if (registry == null) {
			return List.of();
		}
		List<String> ids = JsonPath.read(registry, "$.application.instance[*].instanceId");
		List<String> statuses = JsonPath.read(registry, "$.application.instance[*].status");
		List<String> registrations = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			registrations.add(ids.get(i) + " " + statuses.get(i));
		}
		return registrations;
	}

	/** Eureka's JSON of the application, or null when it has no registration. */
	private static String eurekaApplication(String application) {
		HttpResponse<String> response = send(withAuth(get(EUREKA + "/eureka/apps/" + application),
				ENV.get("EUREKA_USERNAME"), ENV.get("EUREKA_PASSWORD")));
		if (response.statusCode() == 404) {
			return null;
		}
		assertThat(response.statusCode()).as(application).isEqualTo(200);
		return response.body();
	}

	/** Runs a command in a throwaway container on the system's own network. */
	static DockerCompose.Result onNetwork(String... command) {
		String[] args = new String[] { "run", "--rm", "--network", compose.project() + "_zviewer", "busybox:1.37" };
		String[] all = new String[args.length + command.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(command, 0, all, args.length, command.length);
		return compose.docker(Duration.ofMinutes(1), all);
	}

	static HttpRequest.Builder get(String uri) {
		return HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
	}

	static HttpRequest.Builder post(String uri, String json) {
		return get(uri).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
	}

	/** A request with a JSON body and any method (PUT, PATCH, DELETE, ...). */
	static HttpRequest.Builder json(String method, String uri, String json) {
		return get(uri).header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
	}

	/**
	 * A {@code multipart/form-data} POST (RFC 7578) with text fields and one file part named {@code file}, as a
	 * browser's upload form sends it.
	 */
	static HttpRequest.Builder multipart(String uri, Map<String, String> fields, String fileName, String contentType,
			byte[] content) {
		String boundary = "zviewer-" + java.util.UUID.randomUUID();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return get(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray()));
	}

	/** A small PNG image made on the spot, different for each seed. */
	static byte[] png(int width, int height, int seed) {
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) {
				image.setRGB(x, y, (x * 7 + y * 13 + seed * 101) & 0xffffff);
			}
		}
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try {
			javax.imageio.ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static HttpRequest.Builder bearer(HttpRequest.Builder request, String accessToken) {
		return request.header("Authorization", "Bearer " + accessToken);
	}

	static HttpRequest.Builder withAuth(HttpRequest.Builder request, String username, String password) {
		return request.header("Authorization", "Basic " + basic(username, password));
	}

	static HttpRequest.Builder asOperator(HttpRequest.Builder request) {
		return withAuth(request, ENV.get("ACTUATOR_USERNAME"), ENV.get("ACTUATOR_PASSWORD"));
	}

	static String basic(String username, String password) {
		return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static HttpResponse<String> send(HttpRequest.Builder request) {
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

	/**
	 * Until a gateway routes to every business service: each probe (a path and the status it answers once routed, as
	 * the given request returns it) within the timeout.
	 */
	static void awaitRouting(Duration timeout, ToIntFunction<String> statusOfPath) {
		Map<String, Integer> probes = new LinkedHashMap<>();
		probes.put("/api/auth/jwks", 200);
		probes.put("/api/media?size=1", 200);
		probes.put("/api/comments/counts?mediaId=1", 200);
		probes.put("/api/payments/plans", 200);
		probes.put("/api/admin/statistics", 401);
		probes.forEach((path, status) -> awaitAssertion(timeout,
				() -> assertThat(statusOfPath.applyAsInt(path)).as(path).isEqualTo(status)));
	}

	/** A TLS context that trusts the one certificate in the PEM file (the edge's self-signed one). */
	static SSLContext trusting(Path certificate) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("edge", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	static String servedBy(HttpResponse<?> response) {
		return response.headers().firstValue("X-Served-By").orElseThrow();
	}

	/** Retries an assertion until it holds or the time is up, then returns what it returned. */
	static <T> T eventually(Duration timeout, Supplier<T> attempt) {
		return eventually(timeout, Duration.ofMillis(500), attempt);
	}

	/** Retries an assertion, pausing between tries, until it holds or the time is up. */
	static <T> T eventually(Duration timeout, Duration pause, Supplier<T> attempt) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				return attempt.get();
			}
			catch (AssertionError ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				sleep(pause);
			}
		}
	}

	static void awaitAssertion(Duration timeout, Runnable assertion) {
		awaitAssertion(timeout, Duration.ofMillis(500), assertion);
	}

	static void awaitAssertion(Duration timeout, Duration pause, Runnable assertion) {
		eventually(timeout, pause, () -> {
			assertion.run();
			return null;
		});
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

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
