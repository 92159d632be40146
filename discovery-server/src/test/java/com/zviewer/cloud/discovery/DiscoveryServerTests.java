package com.zviewer.cloud.discovery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=true", "zviewer.security.username=eureka",
				"zviewer.security.password=eureka-test-secret", "eureka.server.wait-time-in-ms-when-sync-empty=3000" })
class DiscoveryServerTests {

	@LocalServerPort
	int port;

	@Test
	void theDashboardAndTheRegistryNeedCredentials() {
		for (String path : new String[] { "/", "/eureka/apps" }) {
			assertThat(http().get().uri(path).retrieve().toBodilessEntity().getStatusCode()).as(path)
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		assertThat(http().get().uri("/actuator/health/liveness").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void clientsWithCredentialsCanRegisterAndBeListed() {
		String instance = """
				{"instance": {"instanceId": "media-service:10.0.0.5:8080", "hostName": "10.0.0.5", "app": "MEDIA-SERVICE",
				 "ipAddr": "10.0.0.5", "status": "UP", "port": {"$": 8080, "@enabled": "true"},
				 "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
				""";
		ResponseEntity<Void> registered = http().post()
			.uri("/eureka/apps/MEDIA-SERVICE")
			.headers((headers) -> headers.setBasicAuth("eureka", "eureka-test-secret"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(instance)
			.retrieve()
			.toBodilessEntity();
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// A registry that started empty refuses reads for a while (wait-time-in-ms-when-sync-empty), so that clients
		// keep their last view rather than fetch an empty one; then it answers.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ResponseEntity<String> apps = http().get()
				.uri("/eureka/apps/MEDIA-SERVICE")
				.headers((headers) -> headers.setBasicAuth("eureka", "eureka-test-secret"))
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.toEntity(String.class);
			assertThat(apps.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(apps.getBody()).contains("media-service:10.0.0.5:8080");
		});

		ResponseEntity<String> dashboard = http().get()
			.uri("/")
			.headers((headers) -> headers.setBasicAuth("eureka", "eureka-test-secret"))
			.retrieve()
			.toEntity(String.class);
		assertThat(dashboard.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(dashboard.getBody()).contains("MEDIA-SERVICE");
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
