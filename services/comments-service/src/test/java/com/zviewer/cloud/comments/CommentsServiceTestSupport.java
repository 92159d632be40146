package com.zviewer.cloud.comments;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every {@link CommentsServiceTest} class uses: the media-service stand-in, found the way the real one is (a
 * discovery client, here Spring Cloud's simple one), the port the service listens on, its API as a client sees it, and
 * settings changed while the service runs.
 */
abstract class CommentsServiceTestSupport {

	static final MediaServiceStandIn mediaService = MediaServiceStandIn.start();

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	CommentsApi api;

	@DynamicPropertySource
	static void mediaServiceInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.media-service[0].uri", mediaService::uri);
	}

	@BeforeEach
	void createApi() {
		this.api = new CommentsApi(this.port);
	}

	/**
	 * Runs the action with the given settings in force, as a change in config-repo would bring them: the environment
	 * changes, and Spring Cloud rebinds the {@code @ConfigurationProperties} beans in place (what the bus's refresh
	 * does). The settings are put back afterwards.
	 */
	void withSettings(Map<String, Object> settings, Runnable action) {
		MapPropertySource changed = new MapPropertySource("test-settings", settings);
		this.context.getEnvironment().getPropertySources().addFirst(changed);
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, settings.keySet()));
		try {
			action.run();
		}
		finally {
			this.context.getEnvironment().getPropertySources().remove(changed.getName());
			this.context.publishEvent(new EnvironmentChangeEvent(this.context, settings.keySet()));
		}
	}

}
