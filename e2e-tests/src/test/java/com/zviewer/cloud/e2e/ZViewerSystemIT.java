package com.zviewer.cloud.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.ENV;
import static com.zviewer.cloud.e2e.ZViewerStack.EUREKA;
import static com.zviewer.cloud.e2e.ZViewerStack.EUREKA_PORT;
import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY;
import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY_PORT;
import static com.zviewer.cloud.e2e.ZViewerStack.awaitAssertion;
import static com.zviewer.cloud.e2e.ZViewerStack.basic;
import static com.zviewer.cloud.e2e.ZViewerStack.bearer;
import static com.zviewer.cloud.e2e.ZViewerStack.compose;
import static com.zviewer.cloud.e2e.ZViewerStack.eventually;
import static com.zviewer.cloud.e2e.ZViewerStack.get;
import static com.zviewer.cloud.e2e.ZViewerStack.onNetwork;
import static com.zviewer.cloud.e2e.ZViewerStack.post;
import static com.zviewer.cloud.e2e.ZViewerStack.report;
import static com.zviewer.cloud.e2e.ZViewerStack.seconds;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static com.zviewer.cloud.e2e.ZViewerStack.servedBy;
import static com.zviewer.cloud.e2e.ZViewerStack.upInstances;
import static com.zviewer.cloud.e2e.ZViewerStack.withAuth;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation: every application registered, every service reachable through the gateway with its database, the
 * admin surfaces closed, only the expected ports published, and a service scaled out without restarting anything.
 */
@Order(1)
@ExtendWith(ZViewerStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZViewerSystemIT {

	private static final List<String> APPLICATIONS = List.of("API-GATEWAY", "CONFIG-SERVER", "AUTH-SERVICE",
			"MEDIA-SERVICE", "COMMENTS-SERVICE", "PAYMENTS-SERVICE", "ADMIN-SERVICE");

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
		// The gateway fetches the registry every 2 s: it may not know a service that has just turned UP. A sign-up
		// writes auth-service's database; comments, media and administration have classes of their own.
		Session user = eventually(Duration.ofSeconds(30), () -> Session.newUser("E2E"));
		HttpResponse<String> me = send(bearer(get(GATEWAY + "/api/users/me"), user.access()));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.headers().firstValue("X-Served-By")).isPresent();

		String payment = "{\"amount\":1999,\"currency\":\"GBP\",\"description\":\"E2E\","
				+ "\"card\":{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2040,\"cvc\":\"123\"}}";
		HttpResponse<String> created = eventually(Duration.ofSeconds(30), () -> {
			HttpResponse<String> response = send(bearer(post(GATEWAY + "/api/payments", payment), user.access())
				.header("Idempotency-Key", "e2e-" + user.userId()));
			assertThat(response.statusCode()).isEqualTo(201);
			return response;
		});
		Integer id = JsonPath.read(created.body(), "$.id");
		HttpResponse<String> fetched = send(bearer(get(GATEWAY + "/api/payments/" + id), user.access()));
		assertThat(fetched.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(fetched.body(), "$.status")).isEqualTo("COMPLETED");

		HttpResponse<String> invalid = send(bearer(post(GATEWAY + "/api/payments", payment.replace("1999", "1")),
				user.access())
			.header("Idempotency-Key", "e2e-invalid-" + user.userId()));
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
	void theGatewayServesOneSwaggerUiOverTheOpenApiDescriptionOfEveryService() {
		HttpResponse<String> page = send(get(GATEWAY + "/swagger-ui/index.html"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<div id=\"swagger-ui\">");
		HttpResponse<String> config = send(get(GATEWAY + "/v3/api-docs/swagger-config"));
		assertThat(config.statusCode()).isEqualTo(200);
		List<String> urls = JsonPath.read(config.body(), "$.urls[*].url");
		assertThat(urls).containsExactlyInAnyOrder("/openapi/auth-service", "/openapi/media-service",
				"/openapi/comments-service", "/openapi/payments-service", "/openapi/admin-service");

		// Each description, read through the gateway as the UI reads it, names the paths that the gateway routes to
		// that service, relative to the gateway, with auth-service's access tokens; the internal API stays out.
		Map<String, String> somePath = Map.of("auth-service", "/api/auth/login", "media-service", "/api/media/{id}",
				"comments-service", "/api/comments", "payments-service", "/api/payments",
				"admin-service", "/api/admin/users");
		somePath.forEach((service, path) -> {
			HttpResponse<String> description = eventually(Duration.ofSeconds(30), () -> {
				HttpResponse<String> response = send(get(GATEWAY + "/openapi/" + service));
				assertThat(response.statusCode()).as(service).isEqualTo(200);
				return response;
			});
			String json = description.body();
			assertThat((String) JsonPath.read(json, "$.openapi")).as(service).startsWith("3.");
			assertThat((String) JsonPath.read(json, "$.info.title")).isEqualTo("ZViewer " + service);
			assertThat((String) JsonPath.read(json, "$.servers[0].url")).as(service).isEqualTo("/");
			assertThat((String) JsonPath.read(json, "$.components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
			Map<String, Object> paths = JsonPath.read(json, "$.paths");
			assertThat(paths).as(service).containsKey(path);
			assertThat(paths.keySet()).as(service)
				.allSatisfy((documented) -> assertThat(documented).startsWith("/api/"));
		});
	}

	@Test
	@Order(5)
	void onlyTheGatewayAndTheDashboardArePublishedAndOnlyOnLoopback() {
		String published = compose.compose(Duration.ofMinutes(1), "ps", "--format",
				"{{.Service}}{{range .Publishers}}{{if .PublishedPort}} {{.URL}}:{{.PublishedPort}}->{{.TargetPort}}{{end}}{{end}}");
		Set<String> bindings = new HashSet<>();
		published.lines().map(String::strip).filter((line) -> line.contains(" ")).forEach(bindings::add);
		assertThat(bindings).containsExactlyInAnyOrder("api-gateway 127.0.0.1:" + GATEWAY_PORT + "->8080",
				"discovery-server 127.0.0.1:" + EUREKA_PORT + "->8761");
	}

	@Test
	@Order(6)
	void scalingMediaServiceToThreeSpreadsTheLoadWithoutRestartingAnything() {
		String before = compose.compose(Duration.ofMinutes(1), "ps", "--quiet");
		long scaleStart = System.nanoTime();
		compose.compose(Duration.ofMinutes(5), "up", "--detach", "--scale", "media-service=3", "--no-recreate", "--wait",
				"--wait-timeout", "240");
		report("scale media-service 1 -> 3: replicas healthy (s)", seconds(scaleStart));

		awaitAssertion(Duration.ofSeconds(60), () -> assertThat(upInstances("MEDIA-SERVICE")).hasSize(3));
		report("scale media-service 1 -> 3: three instances UP in Eureka (s)", seconds(scaleStart));
		Set<String> seen = eventually(Duration.ofSeconds(60), () -> {
			Set<String> servers = new HashSet<>();
			for (int i = 0; i < 9; i++) {
				servers.add(servedBy(send(get(GATEWAY + "/api/media?size=1"))));
			}
			assertThat(servers).hasSize(3);
			return servers;
		});
		report("scale media-service 1 -> 3: all three serve through the gateway (s)", seconds(scaleStart));

		Map<String, Integer> counts = new TreeMap<>();
		for (int i = 0; i < 300; i++) {
			HttpResponse<String> response = send(get(GATEWAY + "/api/media?size=1"));
			assertThat(response.statusCode()).isEqualTo(200);
			counts.merge(servedBy(response), 1, Integer::sum);
		}
		report("300 requests by instance", counts.toString());
		assertThat(counts.keySet()).isEqualTo(seen);
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isGreaterThanOrEqualTo(60));

		// Scaling only added containers: every container that ran before still runs, none was recreated.
		String after = compose.compose(Duration.ofMinutes(1), "ps", "--quiet");
		assertThat(after.lines()).containsAll(before.lines().toList()).hasSize((int) before.lines().count() + 2);
	}

}
