package com.zviewer.cloud.starter;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The prod profile refuses the development secrets of .env, and nothing else does. */
class ProductionSecretsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProductionSecretsAutoConfiguration.class));

	@Test
	void productionRefusesDevelopmentSecretsAndNamesThem() {
		this.runner.withPropertyValues("spring.profiles.active=prod", "zviewer.security.password=dev-actuator-password",
				"spring.datasource.password=a-real-one",
				"eureka.client.service-url.defaultZone=http://eureka:dev-eureka-password@discovery-server:8761/eureka/")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("zviewer.security.password")
					.hasMessageContaining("eureka.client.service-url.defaultZone")
					.hasMessageNotContaining("spring.datasource.password");
			});
	}

	@Test
	void productionStartsWithItsOwnSecrets() {
		this.runner.withPropertyValues("spring.profiles.active=prod", "zviewer.security.password=Xk3-9fj2",
				"eureka.client.service-url.defaultZone=http://eureka:Q7v-2Lp@discovery-server:8761/eureka/")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void productionIgnoresSettingsThatReferToWhatTheApplicationDoesNotHave() {
		this.runner.withPropertyValues("spring.profiles.active=prod", "spring.datasource.password=${DB_PASSWORD}",
				"zviewer.security.password=Xk3-9fj2")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void developmentKeepsItsSecrets() {
		this.runner.withPropertyValues("zviewer.security.password=dev-actuator-password")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
