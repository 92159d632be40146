package com.zviewer.cloud.starter;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an application verifies the access tokens auth-service issues: signed JWTs, checked against the key set auth-service
 * publishes, so that no application holds a signing secret.
 *
 * @param enabled whether the application accepts bearer tokens at all (config-repo/application.yml turns it on for the
 * gateway and the business services; Eureka and the config server have none)
 * @param jwkSetUri where the public keys are; an {@code http://auth-service/...} address is resolved through Eureka
 * @param issuer the {@code iss} every token must carry
 * @param clockSkew how far token times may be off between machines
 */
@ConfigurationProperties("zviewer.security.jwt")
public record ZViewerJwtProperties(boolean enabled,
		@DefaultValue("http://auth-service/api/auth/jwks") URI jwkSetUri, @DefaultValue("zviewer") String issuer,
		@DefaultValue("30s") Duration clockSkew) {

	/** The claim that lists a token's roles (USER, MODERATOR, ADMIN), which become {@code ROLE_} authorities. */
	public static final String ROLES_CLAIM = "roles";

}
