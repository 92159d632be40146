package com.zviewer.cloud.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.zviewer.cloud.starter.ZViewerJwtAutoConfiguration;
import com.zviewer.cloud.starter.ZViewerJwtProperties;

@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(AuthProperties.class)
public class AuthServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServiceApplication.class, args);
	}

	/** BCrypt, behind the delegating encoder so that stored hashes name their algorithm and can be upgraded. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** auth-service verifies tokens with its own keys, read from its database, not through its published set. */
	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, ZViewerJwtProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationKeys()).build();
		decoder.setJwtValidator(ZViewerJwtAutoConfiguration.validator(properties));
		return decoder;
	}

}
