package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY;
import static com.zviewer.cloud.e2e.ZViewerStack.ROOT;
import static com.zviewer.cloud.e2e.ZViewerStack.alerts;
import static com.zviewer.cloud.e2e.ZViewerStack.awaitAssertion;
import static com.zviewer.cloud.e2e.ZViewerStack.bearer;
import static com.zviewer.cloud.e2e.ZViewerStack.compose;
import static com.zviewer.cloud.e2e.ZViewerStack.get;
import static com.zviewer.cloud.e2e.ZViewerStack.json;
import static com.zviewer.cloud.e2e.ZViewerStack.multipart;
import static com.zviewer.cloud.e2e.ZViewerStack.onNetwork;
import static com.zviewer.cloud.e2e.ZViewerStack.png;
import static com.zviewer.cloud.e2e.ZViewerStack.post;
import static com.zviewer.cloud.e2e.ZViewerStack.report;
import static com.zviewer.cloud.e2e.ZViewerStack.seconds;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 on the composed system: Prometheus follows the replicas through Eureka, every query of the dashboards,
 * recording rules and alerts returns data, a killed replica raises InstanceDown at a webhook (and resolves), and one
 * request is one trace across the gateway and two services, whose id is in each one's log lines. Prometheus, Zipkin
 * and Alertmanager are published nowhere: the tests ask them from inside their containers or the system's network.
 */
@Order(6)
@ExtendWith(ZViewerStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

	private static final String MEDIA = "media-service";

	/** A comparison with a number at the end of an alert's expression: the threshold, not the query. */
	private static final Pattern THRESHOLD = Pattern.compile("(?s)^(.*\\S)\\s*(?:>=|<=|==|!=|>|<)\\s*-?[0-9.]+\\s*$");

	@Test
	@Order(1)
	void provisioningFilesOfPrometheusAlertmanagerGrafanaLokiAndAlloyAreValid() {
		String output = compose.run(Duration.ofMinutes(1), "python3", "monitoring/validate.py");
		assertThat(output).contains("0 problems");
	}

	@Test
	@Order(2)
	void everyQueryOfTheDashboardsRecordingRulesAndAlertsReturnsData() {
		makeTraffic();
		Map<String, String> queries = new LinkedHashMap<>();
		dashboardQueries().forEach((query) -> queries.put(query, "dashboard"));
		ruleQueries().forEach(queries::putIfAbsent);
		assertThat(queries).hasSizeGreaterThan(100);
		report("monitoring: PromQL queries checked (dashboards, rules, alerts)", String.valueOf(queries.size()));

		// A rate over one minute needs two scrapes (5 s apart) after the traffic, a recording rule one evaluation more.
		long start = System.nanoTime();
		awaitAssertion(Duration.ofSeconds(120), () -> {
			Map<String, String> empty = new LinkedHashMap<>();
			List<String> names = new ArrayList<>(queries.keySet());
			List<String> answers = queryPrometheus(names);
			for (int i = 0; i < names.size(); i++) {
				String answer = answers.get(i);
				boolean data = answer.contains("\"status\":\"success\"") && !answer.contains("\"result\":[]");
				if (!data) {
					empty.put(names.get(i), queries.get(names.get(i)) + ": " + answer);
				}
			}
			assertThat(empty).as("queries without data").isEmpty();
		});
		report("monitoring: every query returns data after the traffic (s)", seconds(start));
	}

	@Test
	@Order(3)
	void scaledReplicasAreScrapedWithinSecondsAndDropOutWhenRemoved() {
		compose.compose(Duration.ofMinutes(5), "up", "--detach", "--no-deps", "--no-recreate", "--wait",
				"--wait-timeout", "240", "--scale", MEDIA + "=3", MEDIA);
		long healthy = System.nanoTime();
		awaitAssertion(Duration.ofSeconds(20), () -> assertThat(healthyMediaTargets()).isEqualTo(3));
		report("monitoring: 3 media replicas healthy -> 3 targets up (s)", seconds(healthy));

		long scaleIn = System.nanoTime();
		compose.compose(Duration.ofMinutes(3), "up", "--detach", "--no-deps", "--no-recreate", "--scale",
				MEDIA + "=1", MEDIA);
		awaitAssertion(Duration.ofSeconds(20), () -> assertThat(healthyMediaTargets()).isEqualTo(1));
		report("monitoring: scale in to 1 -> 1 target (s, from the command)", seconds(scaleIn));
	}

	@Test
	@Order(4)
	void aKilledReplicaRaisesInstanceDownAtTheWebhookAndItResolvesAfterRecovery() {
		String victim = compose.compose(Duration.ofMinutes(1), "ps", "--quiet", MEDIA).lines().findFirst().orElseThrow();
		// Prometheus names an instance by its Eureka id, media-service:<address>:8080.
		String instance = MEDIA + ":" + compose.docker(Duration.ofMinutes(1), "inspect", "--format",
				"{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", victim).requireSuccess().strip() + ":8080";
		int before = alerts.alerts().size();
		compose.docker(Duration.ofMinutes(1), "kill", "--signal", "KILL", victim).requireSuccess();
		long killed = System.nanoTime();
		try {
			awaitAssertion(Duration.ofSeconds(90), () -> assertThat(alertsSince(before, instance))
				.anySatisfy((alert) -> assertThat(alert.status()).isEqualTo("firing")));
			report("monitoring: replica killed -> InstanceDown at the webhook (s)", seconds(killed));
		}
		finally {
			compose.docker(Duration.ofMinutes(1), "start", victim).requireSuccess();
		}
		long restarted = System.nanoTime();
		try {
			// Resolved once the replica answers again, or (with a new address) once Eureka has dropped the old one.
			awaitAssertion(Duration.ofSeconds(120), () -> assertThat(alertsSince(before, instance))
				.anySatisfy((alert) -> assertThat(alert.status()).isEqualTo("resolved")));
			report("monitoring: replica restarted -> InstanceDown resolved at the webhook (s)", seconds(restarted));
		}
		finally {
			compose.compose(Duration.ofMinutes(4), "up", "--detach", "--no-deps", "--no-recreate", "--wait",
					"--wait-timeout", "180", MEDIA);
		}
	}

	/** The InstanceDown notifications about one instance that arrived after the first {@code before} ones. */
	private static List<AlertReceiver.Alert> alertsSince(int before, String instance) {
		List<AlertReceiver.Alert> all = alerts.alerts();
		return all.subList(before, all.size())
			.stream()
			.filter((alert) -> "InstanceDown".equals(alert.labels().get("alertname")))
			.filter((alert) -> instance.equals(alert.labels().get("instance")))
			.toList();
	}

	@Test
	@Order(5)
	void oneRequestIsOneTraceAcrossTheGatewayAndTwoServicesWithItsIdInTheirLogs() {
		Session owner = Session.newUser("Tracer");
		// The replica killed above may have only just come back, and still be listed at its old address: the gateway
		// sends the upload to another instance, since it never left the gateway (RetryUnsent).
		HttpResponse<String> uploaded = send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", "Traced"),
				"traced.png", "image/png", png(8, 8, 6)), owner.access()));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		Number mediaId = JsonPath.read(uploaded.body(), "$.id");
		HttpResponse<String> album = send(bearer(post(GATEWAY + "/api/albums", "{\"title\":\"Traced\"}"),
				owner.access()));
		assertThat(album.statusCode()).as(album.body()).isEqualTo(201);
		Number albumId = JsonPath.read(album.body(), "$.id");

		// The client starts the trace (W3C traceparent, sampled): adding an item makes auth-service ask media-service.
		HexFormat hex = HexFormat.of();
		String traceId = hex.formatHex(randomBytes(16));
		HttpResponse<String> added = send(bearer(json("POST", GATEWAY + "/api/albums/" + albumId + "/items",
				"{\"mediaId\":" + mediaId + "}"), owner.access())
			.header("traceparent", "00-" + traceId + "-" + hex.formatHex(randomBytes(8)) + "-01"));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

		awaitAssertion(Duration.ofSeconds(30), () -> {
			DockerCompose.Result trace = onNetwork("wget", "-q", "-O", "-",
					"http://zipkin:9411/api/v2/trace/" + traceId);
			assertThat(trace.exitCode()).as(trace.output()).isZero();
			List<String> services = JsonPath.read(trace.output(), "$[*].localEndpoint.serviceName");
			assertThat(services).contains("api-gateway", "auth-service", MEDIA);
			List<String> traceIds = JsonPath.read(trace.output(), "$[*].traceId");
			assertThat(traceIds).containsOnly(traceId);
		});
		for (String service : List.of("api-gateway", "auth-service", MEDIA)) {
			awaitAssertion(Duration.ofSeconds(15), () -> assertThat(compose.compose(Duration.ofMinutes(1), "logs",
					"--no-log-prefix", service))
				.as(service)
				.containsPattern("\"traceId\":\"" + traceId + "\""));
		}
	}

	/** Requests on every route of the gateway, so that every service has request metrics. */
	private static void makeTraffic() {
		Session user = Session.newUser("Watcher");
		for (int i = 0; i < 10; i++) {
			send(bearer(get(GATEWAY + "/api/users/me"), user.access()));
			send(get(GATEWAY + "/api/media?size=1"));
			send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", "Watched " + i), "watched.png",
					"image/png", png(4, 4, i)), user.access()));
			send(get(GATEWAY + "/api/comments?mediaId=1"));
			send(get(GATEWAY + "/api/payments/plans"));
			send(bearer(get(GATEWAY + "/api/admin/audit-events"), user.access()));
			send(get(GATEWAY + "/api/albums"));
		}
	}

	/** Every Prometheus query of the provisioned dashboards, with their variables set to match everything. */
	private static List<String> dashboardQueries() {
		List<String> queries = new ArrayList<>();
		try (Stream<Path> files = Files.list(ROOT.resolve("monitoring/grafana/dashboards"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".json")).sorted().toList()) {
				String dashboard = Files.readString(file);
				List<String> expressions = JsonPath.read(dashboard,
						"$..targets[?(@.expr && (!@.datasource || @.datasource.type == 'prometheus'))].expr");
				for (String expression : expressions) {
					queries.add(expression.replace("$__rate_interval", "1m")
						.replace("$application", ".+")
						.replace("$instance", ".+")
						.replace("$route", ".+"));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return queries;
	}

	/** The queries of the recording rules and alerts Prometheus loaded, each alert's without its threshold. */
	private static Map<String, String> ruleQueries() {
		String rules = queryPrometheusApi("rules");
		List<Map<String, Object>> loaded = JsonPath.read(rules, "$.data.groups[*].rules[*]");
		Map<String, String> queries = new LinkedHashMap<>();
		for (Map<String, Object> rule : loaded) {
			String query = (String) rule.get("query");
			if ("alerting".equals(rule.get("type"))) {
				Matcher threshold = THRESHOLD.matcher(query);
				queries.put(threshold.matches() ? threshold.group(1) : query, "alert " + rule.get("name"));
			}
			else {
				queries.put(query, "recording rule " + rule.get("name"));
				queries.put((String) rule.get("name"), "recorded series");
			}
		}
		assertThat(queries.values()).anyMatch((what) -> what.equals("alert InstanceDown"));
		return queries;
	}

	private static int healthyMediaTargets() {
		String targets = queryPrometheusApi("targets?state=active");
		List<String> up = JsonPath.read(targets, "$.data.activeTargets[?(@.health == 'up')].labels.instance");
		return (int) up.stream().filter((instance) -> instance.startsWith(MEDIA + ":")).count();
	}

	private static String queryPrometheusApi(String path) {
		return compose.compose(Duration.ofMinutes(1), "--profile", "monitoring", "exec", "-T", "prometheus", "wget",
				"-q", "-O", "-", "http://127.0.0.1:9090/api/v1/" + path);
	}

	/** Runs the queries in the Prometheus container itself, one answer (JSON, or empty on an error) per line. */
	private static List<String> queryPrometheus(List<String> queries) {
		List<String> command = new ArrayList<>(List.of("--profile", "monitoring", "exec", "-T", "prometheus", "sh",
				"-c", "for q in \"$@\"; do wget -q -O - \"http://127.0.0.1:9090/api/v1/query?query=$q\" || true; echo; done",
				"sh"));
		queries.forEach((query) -> command.add(URLEncoder.encode(query, StandardCharsets.UTF_8)));
		List<String> answers = compose.compose(Duration.ofMinutes(2), command.toArray(String[]::new)).lines().toList();
		assertThat(answers).hasSize(queries.size());
		return answers;
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
