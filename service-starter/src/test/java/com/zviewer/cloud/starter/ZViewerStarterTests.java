package com.zviewer.cloud.starter;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter in a servlet application, with the shared settings of config-repo/application.yml. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=sample-service", "server.port=0" })
class ZViewerStarterTests {

	@LocalServerPort
	int port;

	@Autowired
	UserDetailsService users;

	@Test
	void applicationEndpointsAreOpenAndNameTheInstance() {
		ResponseEntity<String> response = http().get().uri("/hello").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("hello");
		assertThat(response.getHeaders().getFirst(ServedByHeaderAutoConfiguration.HEADER)).isEqualTo("sample-service");
	}

	@Test
	void healthAndProbesAreOpen() {
		for (String path : new String[] { "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			assertThat(http().get().uri(path).retrieve().toBodilessEntity().getStatusCode()).as(path)
				.isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void metricsNeedTheOperatorsCredentials() {
		ResponseEntity<String> anonymous = http().get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getFirst(ServedByHeaderAutoConfiguration.HEADER)).isEqualTo("sample-service");

		ResponseEntity<String> wrong = http().get()
			.uri("/actuator/prometheus")
			.headers((headers) -> headers.setBasicAuth("actuator", "wrong"))
			.retrieve()
			.toEntity(String.class);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

		ResponseEntity<String> operator = http().get()
			.uri("/actuator/prometheus")
			.headers(this::operator)
			.retrieve()
			.toEntity(String.class);
		assertThat(operator.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(operator.getBody()).contains("jvm_memory_used_bytes").contains("application=\"sample-service\"");
	}

	@Test
	void theOperatorsPasswordIsKeptAsACheapBCryptHashAfterALogin() {
		for (int login = 1; login <= 2; login++) {
			assertThat(http().get().uri("/actuator/prometheus").headers(this::operator).retrieve().toBodilessEntity()
				.getStatusCode()).as("login %d", login).isEqualTo(HttpStatus.OK);
		}
		String stored = this.users.loadUserByUsername(System.getenv("ACTUATOR_USERNAME")).getPassword();
		assertThat(stored).startsWith("{bcrypt}$2a$04$").doesNotContain(System.getenv("ACTUATOR_PASSWORD"));
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
			.matches(System.getenv("ACTUATOR_PASSWORD"), stored)).isTrue();
	}

	@Test
	void otherActuatorEndpointsAreNotExposed() {
		ResponseEntity<String> env = http().get().uri("/actuator/env").headers(this::operator).retrieve()
			.toEntity(String.class);
		assertThat(env.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	private void operator(HttpHeaders headers) {
		headers.setBasicAuth(System.getenv("ACTUATOR_USERNAME"), System.getenv("ACTUATOR_PASSWORD"));
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

	@SpringBootApplication
	@RestController
	static class SampleApplication {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
