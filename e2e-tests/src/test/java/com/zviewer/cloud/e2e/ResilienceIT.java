package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.CONFIG_REPO;
import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY;
import static com.zviewer.cloud.e2e.ZViewerStack.ROOT;
import static com.zviewer.cloud.e2e.ZViewerStack.asOperator;
import static com.zviewer.cloud.e2e.ZViewerStack.awaitAssertion;
import static com.zviewer.cloud.e2e.ZViewerStack.compose;
import static com.zviewer.cloud.e2e.ZViewerStack.get;
import static com.zviewer.cloud.e2e.ZViewerStack.bearer;
import static com.zviewer.cloud.e2e.ZViewerStack.json;
import static com.zviewer.cloud.e2e.ZViewerStack.multipart;
import static com.zviewer.cloud.e2e.ZViewerStack.report;
import static com.zviewer.cloud.e2e.ZViewerStack.seconds;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static com.zviewer.cloud.e2e.ZViewerStack.servedBy;
import static com.zviewer.cloud.e2e.ZViewerStack.sleep;
import static com.zviewer.cloud.e2e.ZViewerStack.upInstances;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario harness: each scenario changes the running system (scales, rolls, kills, stops a dependency) while
 * {@link LoadGenerator} sends constant reads and writes through the gateway, then reports requests sent, failed and
 * retried, p50/p99 latency and its own timings, and checks the gateway's metrics against its counts. The load lasts
 * {@code zviewer.scenario.seconds} per scenario (default 12, the CI version; the README shows the full run).
 */
@Order(4)
@ExtendWith(ZViewerStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

	private static final String MEDIA = "media-service";

	private static final String ROLLING_UPDATE = ROOT.resolve("scripts/rolling-update.sh").toString();

	private static final Duration LOAD = Duration.ofSeconds(Long.getLong("zviewer.scenario.seconds", 12));

	/** The email of the account the load runs as, registered on first use. */
	private static String loadUser;

	@Test
	@Order(1)
	void scaleOutFromOneToThreeFailsNothingAndNewReplicasServeAtOnce() {
		scale(1);
		Scenario scenario = Scenario.start("scale out 1 -> 3");
		sleep(Duration.ofSeconds(2));
		Set<String> before = scenario.load.firstServed().keySet();
		scale(3);
		Map<String, Instant> healthy = healthySince(MEDIA);
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat(scenario.load.firstServed()).hasSize(3));
		sleep(LOAD.dividedBy(2));
		scenario.finish();

		List<String> delays = new ArrayList<>();
		scenario.load.firstServed().forEach((instance, first) -> {
			if (!before.contains(instance)) {
				Instant since = healthy.get(ip(instance));
				delays.add(instance + " " + Duration.between(since, first).toMillis() + " ms");
			}
		});
		report("scale out 1 -> 3: first request served after healthy", delays.toString());
		assertThat(delays).hasSize(2);
		scenario.assertNothingFailed();
	}

	@Test
	@Order(2)
	void scaleInFromThreeToOneFailsNothingAndDrainsTheRemovedReplicas() {
		scale(3);
		awaitGatewaySees(3);
		Scenario scenario = Scenario.start("scale in 3 -> 1");
		sleep(Duration.ofSeconds(2));
		Set<String> running = Set.copyOf(upInstances("MEDIA-SERVICE"));
		Instant removing = Instant.now();
		compose.compose(Duration.ofMinutes(2), "up", "--detach", "--no-deps", "--no-recreate", "--scale", MEDIA + "=1",
				MEDIA);
		Instant removed = Instant.now();
		sleep(LOAD.dividedBy(3));
		scenario.finish();

		Set<String> gone = new HashSet<>(running);
		gone.removeAll(upInstances("MEDIA-SERVICE"));
		assertThat(gone).hasSize(2);
		List<String> lastRequests = new ArrayList<>();
		gone.forEach((instance) -> lastRequests.add(instance + " "
				+ Duration.between(removing, scenario.load.lastServed().get(instance)).toMillis() + " ms"));
		report("scale in 3 -> 1: last request to a removed replica after its stop began", lastRequests.toString());
		report("scale in 3 -> 1: docker compose took (ms)", String.valueOf(Duration.between(removing, removed).toMillis()));
		scenario.assertNothingFailed();
	}

	@Test
	@Order(3)
	void rollingReplacementFailsNothing() {
		scale(2);
		awaitGatewaySees(2);
		Scenario scenario = Scenario.start("rolling replacement of media-service (2 replicas)");
		sleep(Duration.ofSeconds(2));
		long start = System.nanoTime();
		String output = rollingUpdate(MEDIA);
		report("rolling replacement of media-service took (s)", ZViewerStack.seconds(start));
		sleep(Duration.ofSeconds(2));
		scenario.finish();
		assertThat(output.lines().filter((line) -> line.startsWith("rolling-update: replaced"))).hasSize(2);
		scenario.assertNothingFailed();
	}

	@Test
	@Order(4)
	void aReplacementThatNeverBecomesHealthyIsRemovedAndTheOldReplicasServeOn() throws IOException {
		// A "new version" whose application cannot start: Spring refuses the port setting.
		Path broken = Files.createTempDirectory("broken-image");
		Files.writeString(broken.resolve("Dockerfile"), "FROM zviewer/media-service:latest\nENV SERVER_PORT=not-a-port\n");
		compose.docker(Duration.ofMinutes(2), "build", "--quiet", "--tag", "zviewer/media-service:e2e-broken",
				broken.toString()).requireSuccess();
		List<String> before = compose.compose(Duration.ofMinutes(1), "ps", "--quiet", MEDIA).lines().sorted().toList();
		Scenario scenario = Scenario.start("rolling replacement of media-service by a broken version");
		sleep(Duration.ofSeconds(2));
		DockerCompose.Result result = compose.withEnvironment(Map.of("ZVIEWER_VERSION", "e2e-broken", "WAIT_TIMEOUT", "90"))
			.exec(Duration.ofMinutes(5), ROLLING_UPDATE, MEDIA, "--project-name", compose.project());
		sleep(Duration.ofSeconds(2));
		scenario.finish();
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("did not become healthy");
		assertThat(compose.compose(Duration.ofMinutes(1), "ps", "--all", "--quiet", MEDIA).lines().sorted().toList())
			.isEqualTo(before);
		scenario.assertNothingFailed();
		compose.docker(Duration.ofMinutes(1), "image", "rm", "zviewer/media-service:e2e-broken");
	}

	@Test
	@Order(5)
	void sigkillOfOneReplicaOutOfThreeFailsNoRead() {
		scale(3);
		awaitGatewaySees(3);
		Scenario scenario = Scenario.start("SIGKILL of 1 of 3 replicas");
		sleep(Duration.ofSeconds(2));
		String victim = compose.compose(Duration.ofMinutes(1), "ps", "--quiet", MEDIA).lines().findFirst().orElseThrow();
		compose.docker(Duration.ofMinutes(1), "kill", "--signal", "KILL", victim).requireSuccess();
		sleep(LOAD);
		scenario.finish();
		assertThat(scenario.load.failedReads()).as(scenario.load.failures().toString()).isZero();
		compose.docker(Duration.ofMinutes(1), "rm", "--force", victim);
	}

	@Test
	@Order(6)
	void aSettingChangedInConfigRepoReachesEveryReplicaWithinSecondsWithoutARestart() throws Exception {
		scale(2);
		awaitGatewaySees(2);
		String containers = compose.compose(Duration.ofMinutes(1), "ps", "--quiet", MEDIA);
		Path settings = CONFIG_REPO.resolve("media-service.yml");
		String original = Files.readString(settings);
		String longTitle = "eleven char";
		Scenario scenario = Scenario.start("config change: max-title-length 200 -> 10 -> 200 on 2 replicas");
		try {
			// The probe renames one item (a PATCH, which checks the title as an upload does, and costs no file).
			HttpResponse<String> uploaded = scenario.send(bearer(multipart(GATEWAY + "/api/media",
					Map.of("title", "probe"), "probe.png", "image/png", ZViewerStack.png(4, 4, 2)), scenario.user.access()));
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			String item = GATEWAY + "/api/media/" + ((Number) JsonPath.read(uploaded.body(), "$.id")).longValue();
			sleep(Duration.ofSeconds(2));
			long changed = System.nanoTime();
			Files.writeString(settings, original.replace("max-title-length: 200", "max-title-length: 10"));
			awaitEveryReplica(scenario, item, longTitle, 400);
			report("config change: every replica refuses long titles after (s)", ZViewerStack.seconds(changed));
			changed = System.nanoTime();
			Files.writeString(settings, original);
			awaitEveryReplica(scenario, item, longTitle, 200);
			report("config change: every replica accepts them again after (s)", ZViewerStack.seconds(changed));
			sleep(Duration.ofSeconds(2));
		}
		finally {
			Files.writeString(settings, original);
			scenario.finish();
		}
		scenario.assertNothingFailed();
		assertThat(scenario.registryFlaps).as("moments Eureka did not list both replicas UP").isZero();
		assertThat(compose.compose(Duration.ofMinutes(1), "ps", "--quiet", MEDIA)).isEqualTo(containers);
	}

	/**
	 * Renames the item to the title until both replicas have answered with the status in a row, and watches that
	 * Eureka keeps both UP meanwhile.
	 */
	private static void awaitEveryReplica(Scenario scenario, String item, String title, int status) {
		Set<String> answered = new HashSet<>();
		awaitAssertion(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
			HttpResponse<String> response = scenario.send(bearer(json("PATCH", item, "{\"title\":\"" + title + "\"}"),
					scenario.user.access()));
			if (response.statusCode() == status) {
				answered.add(servedBy(response));
			}
			else {
				answered.clear();
			}
			if (upInstances("MEDIA-SERVICE").size() != 2) {
				scenario.registryFlaps++;
			}
			assertThat(answered).as("replicas that answered %d in a row", status).hasSize(2);
		});
	}

	@Test
	@Order(7)
	void configServerDownLeavesRunningServicesAloneAndNewReplicasWait() {
		scale(1);
		awaitGatewaySees(1);
		Scenario scenario = Scenario.start("config server down");
		compose.compose(Duration.ofMinutes(1), "stop", "config-server");
		// A replica started now cannot get its configuration: it must wait, not register on defaults.
		compose.compose(Duration.ofMinutes(1), "up", "--detach", "--no-deps", "--no-recreate", "--scale", MEDIA + "=2",
				MEDIA);
		sleep(LOAD);
		assertThat(upInstances("MEDIA-SERVICE")).hasSize(1);
		compose.compose(Duration.ofMinutes(2), "start", "config-server");
		compose.compose(Duration.ofMinutes(4), "up", "--detach", "--no-deps", "--no-recreate", "--wait", "--scale",
				MEDIA + "=2", MEDIA);
		awaitAssertion(Duration.ofSeconds(30), () -> assertThat(upInstances("MEDIA-SERVICE")).hasSize(2));
		scenario.finish();
		scenario.assertNothingFailed();
	}

	@Test
	@Order(8)
	void eurekaDownLeavesTheGatewayRoutingToTheInstancesItKnows() {
		scale(2);
		awaitGatewaySees(2);
		Scenario scenario = Scenario.start("Eureka down");
		compose.compose(Duration.ofMinutes(1), "stop", "discovery-server");
		sleep(LOAD);
		assertThat(scenario.load.firstServed()).hasSize(2);
		compose.compose(Duration.ofMinutes(2), "start", "discovery-server");
		compose.compose(Duration.ofMinutes(2), "up", "--detach", "--no-deps", "--wait", "discovery-server");
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat(upInstances("MEDIA-SERVICE")).hasSize(2));
		scenario.finish();
		scenario.assertNothingFailed();
	}

	@Test
	@Order(9)
	void servicesRecoverFromAPostgresRestartWithoutARestartOfTheirOwn() {
		String mediaContainers = compose.compose(Duration.ofMinutes(1), "ps", "--quiet", MEDIA);
		Session user = Session.login(loadUser(), Session.PASSWORD);
		compose.compose(Duration.ofMinutes(2), "restart", "postgres");
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat(send(bearer(multipart(GATEWAY + "/api/media",
				Map.of("title", "after restart"), "after.png", "image/png", ZViewerStack.png(4, 4, 3)), user.access()))
			.statusCode()).isEqualTo(201));
		Scenario scenario = Scenario.start("after a PostgreSQL restart");
		sleep(LOAD.dividedBy(2));
		scenario.finish();
		scenario.assertNothingFailed();
		assertThat(compose.compose(Duration.ofMinutes(1), "ps", "--quiet", MEDIA)).isEqualTo(mediaContainers);
	}

	@Test
	@Order(10)
	void redisDownLeavesTheGatewayServingSignedInUsers() {
		Scenario scenario = Scenario.start("Redis down");
		sleep(Duration.ofSeconds(2));
		String address = address("redis");
		compose.compose(Duration.ofMinutes(1), "stop", "redis");
		// Another container takes the address Redis had (Docker gives out the first free one), so that Redis comes
		// back at a new one, as it may whenever it is recreated.
		String placeholder = compose.docker(Duration.ofMinutes(1), "run", "--detach", "--rm", "--network",
				compose.project() + "_zviewer", "busybox:1.37", "sleep", "300").output().strip();
		sleep(LOAD);
		compose.compose(Duration.ofMinutes(2), "up", "--detach", "--no-deps", "--wait", "redis");
		long back = System.nanoTime();
		report("Redis down: Redis came back at another address", String.valueOf(!address.equals(address("redis"))));
		sleep(Duration.ofSeconds(2));
		scenario.finish();
		scenario.assertNothingFailed();
		long unavailable = GatewayCounters.revocationChecks("unavailable");
		report("Redis down: token checks the gateway made without Redis", String.valueOf(unavailable));
		assertThat(unavailable).as("requests that found Redis down").isPositive();

		// The checks resume once Redis is back, also where it came back at another address.
		Session user = Session.login(loadUser(), Session.PASSWORD);
		awaitAssertion(Duration.ofSeconds(20), () -> {
			long checked = GatewayCounters.revocationChecks("valid");
			assertThat(send(bearer(get(GATEWAY + "/api/users/me"), user.access())).statusCode()).isEqualTo(200);
			assertThat(GatewayCounters.revocationChecks("valid")).as("tokens checked against Redis").isGreaterThan(checked);
		});
		report("Redis down: token checks against Redis again after it was back (s)", seconds(back));
		compose.docker(Duration.ofMinutes(1), "rm", "--force", placeholder);
	}

	private static String address(String service) {
		String container = compose.compose(Duration.ofMinutes(1), "ps", "--quiet", service).strip();
		return compose.docker(Duration.ofMinutes(1), "inspect", "--format",
				"{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container).output().strip();
	}

	@Test
	@Order(11)
	void rabbitMqDownFailsNoRequestAndLosesNoEvent() {
		Session owner = Session.newUser("Outage");
		HttpResponse<String> uploaded = send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", "Soon gone"),
				"gone.png", "image/png", ZViewerStack.png(8, 8, 11)), owner.access()));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		long media = ((Number) com.jayway.jsonpath.JsonPath.read(uploaded.body(), "$.id")).longValue();
		HttpResponse<String> comment = send(bearer(ZViewerStack.post(GATEWAY + "/api/comments",
				"{\"mediaId\":" + media + ",\"text\":\"Still here?\"}"), owner.access()));
		assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);

		compose.compose(Duration.ofMinutes(1), "stop", "rabbitmq");
		// MediaDeleted cannot be sent now: media-service keeps it in its outbox, and the comment stays meanwhile.
		// (The test's own requests stay outside the scenario, whose count is compared with the gateway's.)
		assertThat(send(bearer(ZViewerStack.json("DELETE", GATEWAY + "/api/media/" + media, ""), owner.access()))
			.statusCode()).isEqualTo(204);
		sleep(Duration.ofSeconds(2));
		assertThat(commentCount(media)).isEqualTo(1);
		Scenario scenario = Scenario.start("RabbitMQ down");
		sleep(LOAD);
		long restarted = System.nanoTime();
		compose.compose(Duration.ofMinutes(2), "up", "--detach", "--no-deps", "--wait", "rabbitmq");
		sleep(Duration.ofSeconds(2));
		scenario.finish();
		scenario.assertNothingFailed();
		awaitAssertion(Duration.ofSeconds(120), () -> assertThat(commentCount(media)).isZero());
		report("RabbitMQ down: the held event delivered after RabbitMQ was back (s)", ZViewerStack.seconds(restarted));
	}

	@Test
	@Order(12)
	void theEurekaServerAndTheConfigServerAreReplacedInPlaceWithoutAFailedRequest() {
		scale(2);
		awaitGatewaySees(2);
		Scenario scenario = Scenario.start("replacement of the Eureka server and the config server");
		sleep(Duration.ofSeconds(2));
		long start = System.nanoTime();
		String eureka = rollingUpdate("discovery-server");
		String config = rollingUpdate("config-server");
		report("replacement of the Eureka server and the config server took (s)", ZViewerStack.seconds(start));
		// The replicas register with the new Eureka server at their next heartbeat.
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat(upInstances("MEDIA-SERVICE")).hasSize(2));
		sleep(Duration.ofSeconds(2));
		scenario.finish();
		assertThat(eureka).contains("rolling-update: recreated discovery-server in place");
		assertThat(config).contains("rolling-update: recreated config-server in place");
		scenario.assertNothingFailed();

		// The development file publishes the gateway's port, which a second gateway could not bind: the script says
		// so and leaves the gateway alone.
		String gateway = compose.compose(Duration.ofMinutes(1), "ps", "--quiet", "api-gateway");
		DockerCompose.Result refused = compose.exec(Duration.ofMinutes(1), ROLLING_UPDATE, "api-gateway",
				"--project-name", compose.project());
		assertThat(refused.exitCode()).as(refused.output()).isNotZero();
		assertThat(refused.output()).contains("publishes host port(s) 8080/tcp");
		assertThat(compose.compose(Duration.ofMinutes(1), "ps", "--quiet", "api-gateway")).isEqualTo(gateway);
	}

	/** Runs scripts/rolling-update.sh on {@code service} of this project and answers what it printed. */
	private static String rollingUpdate(String service) {
		return compose.run(Duration.ofMinutes(5), ROLLING_UPDATE, service, "--project-name", compose.project());
	}

	private static long commentCount(long media) {
		HttpResponse<String> counts = send(get(GATEWAY + "/api/comments/counts?mediaId=" + media));
		assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
		return ((Number) com.jayway.jsonpath.JsonPath.read(counts.body(), "$['" + media + "']")).longValue();
	}

	private static synchronized String loadUser() {
		if (loadUser == null) {
			loadUser = Session.register("load");
		}
		return loadUser;
	}

	private static void scale(int replicas) {
		compose.compose(Duration.ofMinutes(4), "up", "--detach", "--no-deps", "--no-recreate", "--wait",
				"--wait-timeout", "200", "--scale", MEDIA + "=" + replicas, MEDIA);
		// On failure: which containers run (by address) beside what the registry holds, status included.
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat(upInstances("MEDIA-SERVICE"))
			.as(() -> "containers " + healthySince(MEDIA).keySet() + ", registry " + ZViewerStack.registrations("MEDIA-SERVICE"))
			.hasSize(replicas));
	}

	private static void awaitGatewaySees(int replicas) {
		awaitAssertion(Duration.ofSeconds(60), () -> {
			Set<String> servers = new HashSet<>();
			for (int i = 0; i < 3 * replicas; i++) {
				servers.add(servedBy(send(get(GATEWAY + "/api/media?size=1"))));
			}
			assertThat(servers).hasSize(replicas);
		});
	}

	/** When each container of the service last became healthy, by container IP address. */
	private static Map<String, Instant> healthySince(String service) {
		Map<String, Instant> healthy = new HashMap<>();
		for (String container : compose.compose(Duration.ofMinutes(1), "ps", "--quiet", service).lines().toList()) {
			String[] fields = compose
				.docker(Duration.ofMinutes(1), "inspect", "--format",
						"{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}} "
								+ "{{range .State.Health.Log}}{{if eq .ExitCode 0}}{{.End.Format \"2006-01-02T15:04:05.000000000Z07:00\"}} {{end}}{{end}}",
						container)
				.requireSuccess()
				.strip()
				.split(" ");
			// The health log keeps the last few checks; the earliest success kept bounds the time it became healthy.
			healthy.put(fields[0], Instant.parse(fields[1]));
		}
		return healthy;
	}

	private static String ip(String instanceId) {
		return instanceId.split(":")[1];
	}

	/** A scenario's load and the gateway's counters before and after it. */
	private static final class Scenario {

		private final String name;

		private final LoadGenerator load;

		private final GatewayCounters before;

		private int probes;

		private int registryFlaps;

		private Session user;

		private Scenario(String name, LoadGenerator load, GatewayCounters before) {
			this.name = name;
			this.load = load;
			this.before = before;
		}

		static Scenario start(String name) {
			GatewayCounters before = GatewayCounters.read();
			Session user = Session.login(loadUser(), Session.PASSWORD);
			Scenario scenario = new Scenario(name,
					new LoadGenerator(GATEWAY, Duration.ofMinutes(10), user.access()).start(), before);
			scenario.user = user;
			return scenario;
		}

		/** A request of the scenario's own, beside the load, counted so the gateway's count still adds up. */
		HttpResponse<String> send(HttpRequest.Builder request) {
			this.probes++;
			return ZViewerStack.send(request);
		}

		void finish() {
			this.load.stop();
			long expected = this.load.answered() + this.probes;
			// The gateway counts a request just before it sends the response's headers (its metrics filter runs inside
			// the one that writes the response), so by now it has counted every request the load had an answer to. A
			// request that failed without an answer (reset, timed out) may never have reached it: the load's failures
			// are checked on their own, by assertNothingFailed.
			GatewayCounters after = GatewayCounters.read();
			long requests = after.requests() - this.before.requests();
			long retried = after.attempts() - this.before.attempts() - requests;
			report(this.name, String.format(
					"sent %d, failed %d (reads %d, writes %d), retried by the gateway %d, p50 %d ms, p99 %d ms,"
							+ " gateway counted %d",
					this.load.sent(), this.load.failedReads() + this.load.failedWrites(), this.load.failedReads(),
					this.load.failedWrites(), retried, this.load.percentileMillis(0.50),
					this.load.percentileMillis(0.99), requests));
			assertThat(requests)
				.as("requests the gateway counted for %s, against %d answered and %d probes (failures: %s)", this.name,
						this.load.answered(), this.probes, this.load.failures())
				.isEqualTo(expected);
		}

		void assertNothingFailed() {
			assertThat(this.load.failedReads() + this.load.failedWrites()).as(this.load.failures().toString())
				.isZero();
		}

	}

	/** The gateway's own count of requests on the media route, and of its attempts to reach an instance. */
	private record GatewayCounters(long requests, long attempts) {

		static GatewayCounters read() {
			HttpResponse<String> metrics = send(
					asOperator(get(GATEWAY + "/actuator/prometheus").setHeader("Accept", "text/plain")));
			assertThat(metrics.statusCode()).isEqualTo(200);
			return new GatewayCounters(sum(metrics.body(), "spring_cloud_gateway_requests_seconds_count{",
					"routeId=\"media-"),
					sum(metrics.body(), "zviewer_gateway_upstream_attempts_total{", "route=\"media-"));
		}

		/** How many tokens the gateway checked against Redis with the given outcome. */
		static long revocationChecks(String outcome) {
			HttpResponse<String> metrics = send(
					asOperator(get(GATEWAY + "/actuator/prometheus").setHeader("Accept", "text/plain")));
			return sum(metrics.body(), "zviewer_gateway_revocation_checks_total{", "outcome=\"" + outcome + "\"");
		}

		private static long sum(String metrics, String name, String label) {
			return (long) metrics.lines()
				.filter((line) -> line.startsWith(name) && line.contains(label))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}

	}

}
