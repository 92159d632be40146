package com.zviewer.cloud.starter;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's access log: one line per request, also for one the client gave up on before the answer. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogWebFilterTests {

	private final AccessLogAutoConfiguration.AccessLogWebFilter filter = new AccessLogAutoConfiguration.AccessLogWebFilter();

	@Test
	void logsMethodPathStatusAndDuration(CapturedOutput output) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/media"));
		this.filter.filter(exchange, (answered) -> {
			answered.getResponse().setStatusCode(HttpStatus.OK);
			return Mono.empty();
		}).block(Duration.ofSeconds(5));
		assertThat(output).containsPattern("GET /api/media 200 \\d+ ms");
	}

	@Test
	void logsAFailedRequestWithTheStatusTheErrorHandlersAnswer(CapturedOutput output) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/comments"));
		Mono<Void> failed = this.filter.filter(exchange, (failing) -> Mono.error(new IOException("closed")));
		// What the error handlers, outside the filters, make of it.
		failed.onErrorResume((error) -> {
			exchange.getResponse().setStatusCode(HttpStatus.BAD_GATEWAY);
			return exchange.getResponse().setComplete();
		}).block(Duration.ofSeconds(5));
		assertThat(output).containsPattern("POST /api/comments 502 \\d+ ms").doesNotContain("POST /api/comments 200");
	}

	@Test
	void logsARequestTheClientCancelled(CapturedOutput output) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/media"));
		// Reactor Netty's default status, before any answer.
		exchange.getResponse().setStatusCode(HttpStatus.OK);
		Disposable waiting = this.filter.filter(exchange, (never) -> Mono.never()).subscribe();
		assertThat(output).doesNotContain("POST /api/media");
		waiting.dispose();
		assertThat(output).containsPattern("POST /api/media - \\d+ ms \\(the connection closed first\\)");
	}

	@Test
	void leavesTheActuatorOut(CapturedOutput output) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/actuator/health/readiness"));
		this.filter.filter(exchange, (answered) -> Mono.empty()).block(Duration.ofSeconds(5));
		assertThat(output).doesNotContain("/actuator/health");
	}

}
