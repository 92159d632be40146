package com.zviewer.cloud.starter;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Production refuses the development secrets: with the {@code prod} profile active, an application whose passwords
 * or keys are still the ones {@code .env} ships for development (they all begin with {@value #DEVELOPMENT_PREFIX})
 * does not start, and says which setting to change. Checked: the operator's and the database's passwords, RabbitMQ's,
 * Eureka's (in the registry's address), the config server's key and the first administrator's password.
 */
@AutoConfiguration
@Profile("prod")
public class ProductionSecretsAutoConfiguration {

	static final String DEVELOPMENT_PREFIX = "dev-";

	static final List<String> SECRETS = List.of("zviewer.security.password", "spring.datasource.password",
			"spring.rabbitmq.password", "eureka.client.service-url.defaultZone", "encrypt.key",
			"zviewer.auth.initial-admin.password", "ZVIEWER_ADMIN_PASSWORD");

	@Bean
	InitializingBean productionSecretsCheck(Environment environment) {
		return () -> check(environment);
	}

	static void check(Environment environment) {
		List<String> development = SECRETS.stream()
			.filter((name) -> usesDevelopmentSecret(valueOf(environment, name)))
			.toList();
		if (!development.isEmpty()) {
			throw new IllegalStateException("The prod profile is active but " + String.join(", ", development)
					+ " still hold(s) a development secret from .env (beginning with '" + DEVELOPMENT_PREFIX
					+ "'): set production values (see docker-compose.prod.yml)");
		}
	}

	/** The value, or null where the setting is absent or refers to what this application does not have. */
	private static String valueOf(Environment environment, String name) {
		try {
			return environment.getProperty(name);
		}
		catch (IllegalArgumentException ex) {
			// For example the gateway, which has no database: spring.datasource.password is ${DB_PASSWORD}, unset.
			return null;
		}
	}

	private static boolean usesDevelopmentSecret(String value) {
		if (value == null) {
			return false;
		}
		// In a URL the password sits between "user:" and "@".
		return Stream.of(value.split("[:@/,]")).anyMatch((part) -> part.startsWith(DEVELOPMENT_PREFIX));
	}

}
