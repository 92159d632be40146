package com.zviewer.cloud.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestJwts;

import static com.zviewer.cloud.admin.AdminApi.content;

/**
 * What the tests of moderation, payments and statistics share, so that they share one application context: a
 * stand-in for each service admin-service calls, found the way the real ones are (a discovery client, here Spring
 * Cloud's simple one), reset before each test, and the statistics' timeout shortened to 2 s.
 */
@ServiceIntegrationTest
@Import(TestJwts.Configuration.class)
public abstract class AdminServiceTestSupport {

	public static final long ADMIN_ID = 1;

	public static final String ADMIN = TestJwts.bearer(ADMIN_ID, "USER", "MODERATOR", "ADMIN");

	public static final String USER = TestJwts.bearer(42, "USER");

	public static final String MODERATOR = TestJwts.bearer(43, "USER", "MODERATOR");

	protected static final ServiceStandIn authService = ServiceStandIn.start();

	protected static final ServiceStandIn mediaService = ServiceStandIn.start();

	protected static final ServiceStandIn commentsService = ServiceStandIn.start();

	protected static final ServiceStandIn paymentsService = ServiceStandIn.start();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void standIns(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", authService::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.media-service[0].uri", mediaService::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.comments-service[0].uri", commentsService::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.payments-service[0].uri", paymentsService::uri);
		registry.add("zviewer.admin.statistics.timeout", () -> "2s");
		// Each service's load-balancer context is made at start, not within the first statistics' 2 s.
		registry.add("spring.cloud.loadbalancer.eager-load.clients",
				() -> "auth-service,media-service,comments-service,payments-service");
	}

	@BeforeEach
	void resetStandIns() {
		for (ServiceStandIn standIn : List.of(authService, mediaService, commentsService, paymentsService)) {
			standIn.reset();
		}
	}

	protected AdminApi api() {
		return AdminApi.on(this.port);
	}

	/** The audit entries about one target, newest first. */
	protected List<Map<String, Object>> audited(String target) {
		ResponseEntity<Map<String, Object>> page = api().get("/api/admin/audit-events?size=100&target=" + target,
				ADMIN);
		return content(page);
	}

	/** How many entries the audit log holds. */
	protected long auditSize() {
		return AdminApi.totalElements(api().get("/api/admin/audit-events", ADMIN));
	}

	/** What no stand-in may have received. */
	protected static void assertNoServiceCalled() {
		for (ServiceStandIn standIn : List.of(authService, mediaService, commentsService, paymentsService)) {
			org.assertj.core.api.Assertions.assertThat(standIn.received()).isEmpty();
		}
	}

}
