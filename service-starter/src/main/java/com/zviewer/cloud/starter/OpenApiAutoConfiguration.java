package com.zviewer.cloud.starter;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;

import com.zviewer.cloud.starter.security.Caller;

/**
 * What every service's OpenAPI description has in common: the service's name as title, the version of the API
 * ({@code zviewer.api.version}), auth-service's access tokens as the way to authenticate, and a server relative to
 * wherever the description was read. springdoc generates the description in the service's tests (see the services'
 * POM and {@code OpenApiDescription}); the gateway serves it under {@code /openapi/{service}}, so its Swagger UI sends
 * "Try it out" requests through the gateway, never to an instance's own address, which a browser cannot reach.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
public class OpenApiAutoConfiguration {

	/** The name of the security scheme for auth-service's access tokens. */
	public static final String BEARER_SCHEME = "bearer";

	@Bean
	@ConditionalOnMissingBean
	OpenAPI zviewerOpenApi(Environment environment) {
		// Filled in on the server, not sent by clients: the caller (from the access token) and a handler's view of
		// all request headers.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, HttpHeaders.class);
		String name = environment.getProperty("spring.application.name", "application");
		String version = environment.getProperty("zviewer.api.version", "1");
		return new OpenAPI()
			.info(new Info().title("ZViewer " + name)
				.version(version)
				.description(environment.getProperty("info.app.description",
						"The API of " + name + ", reached through the ZViewer gateway.")))
			.addServersItem(new Server().url("/").description("the gateway this description was read from"))
			.components(new Components().addSecuritySchemes(BEARER_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token from POST /api/auth/login (or /api/auth/refresh). "
								+ "Endpoints open to anyone ignore it.")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
	}

}
