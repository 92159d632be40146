package com.zviewer.cloud.starter;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The services' access log: one line per request, with the status the client gets. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogFilterTests {

	private final AccessLogAutoConfiguration.AccessLogFilter filter = new AccessLogAutoConfiguration.AccessLogFilter();

	@Test
	void logsMethodPathStatusAndDuration(CapturedOutput output) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(new MockHttpServletRequest("POST", "/api/comments"), response,
				(request, answered) -> ((MockHttpServletResponse) answered).setStatus(201));
		assertThat(output).containsPattern("POST /api/comments 201 \\d+ ms");
	}

	@Test
	void logsARequestThatFailedPastTheHandlersAsTheContainersErrorPageAnswersIt(CapturedOutput output) {
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> this.filter.doFilter(new MockHttpServletRequest("GET", "/api/media/1"),
					new MockHttpServletResponse(), (request, response) -> {
						throw new ServletException("failed");
					}));
		assertThat(output).containsPattern("GET /api/media/1 500 \\d+ ms").doesNotContain("GET /api/media/1 200");
	}

	@Test
	void leavesTheActuatorOut(CapturedOutput output) throws Exception {
		this.filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health/readiness"),
				new MockHttpServletResponse(), (request, response) -> {
				});
		assertThat(output).doesNotContain("/actuator/health");
	}

}
