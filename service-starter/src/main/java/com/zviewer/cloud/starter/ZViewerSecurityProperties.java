package com.zviewer.cloud.starter;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Credentials of the operator account that guards the admin surfaces (actuator endpoints other than health and
 * info, and the whole application where {@code require-authentication} is set, as on Eureka and the config server).
 *
 * @param username name of the operator account
 * @param password its password; there is no default, so an application without one refuses to start
 * @param requireAuthentication whether every request, not only the actuator's, needs the operator's credentials
 */
@Validated
@ConfigurationProperties("zviewer.security")
public record ZViewerSecurityProperties(@NotBlank String username, @NotBlank String password,
		boolean requireAuthentication) {

	static final String OPERATOR_ROLE = "OPERATOR";

}
