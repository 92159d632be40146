package com.zviewer.cloud.auth;

import java.time.Duration;

import jakarta.validation.constraints.Email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of auth-service, from config-repo/auth-service.yml. A mutable bean, so that a change announced on the bus
 * applies to every replica without a restart (to tokens issued from then on).
 */
@Validated
@ConfigurationProperties("zviewer.auth")
public class AuthProperties {

	/** The {@code iss} of every access token; the other applications check it (zviewer.security.jwt.issuer). */
	private String issuer = "zviewer";

	/** How long an access token is valid. Short, because only the gateway can learn that one was revoked early. */
	private Duration accessTokenTtl = Duration.ofMinutes(10);

	/** How long a refresh token is valid; each refresh replaces it with a new one. */
	private Duration refreshTokenTtl = Duration.ofDays(30);

	/** After how long a new signing key replaces the current one (old keys stay published until their tokens expire). */
	private Duration signingKeyRotation = Duration.ofDays(30);

	/** The administrator created on first start, if no administrator exists yet. */
	private final InitialAdmin initialAdmin = new InitialAdmin();

	public String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(String issuer) {
		this.issuer = issuer;
	}

	public Duration getAccessTokenTtl() {
		return this.accessTokenTtl;
	}

	public void setAccessTokenTtl(Duration accessTokenTtl) {
		this.accessTokenTtl = accessTokenTtl;
	}

	public Duration getRefreshTokenTtl() {
		return this.refreshTokenTtl;
	}

	public void setRefreshTokenTtl(Duration refreshTokenTtl) {
		this.refreshTokenTtl = refreshTokenTtl;
	}

	public Duration getSigningKeyRotation() {
		return this.signingKeyRotation;
	}

	public void setSigningKeyRotation(Duration signingKeyRotation) {
		this.signingKeyRotation = signingKeyRotation;
	}

	public InitialAdmin getInitialAdmin() {
		return this.initialAdmin;
	}

	/**
	 * Credentials of the first administrator, from the environment ({@code ZVIEWER_ADMIN_EMAIL},
	 * {@code ZVIEWER_ADMIN_PASSWORD}). There is no default: without them no administrator is created.
	 */
	public static class InitialAdmin {

		@Email
		private String email;

		private String password;

		private String displayName = "Administrator";

		public String getEmail() {
			return this.email;
		}

		public void setEmail(String email) {
			this.email = email;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public String getDisplayName() {
			return this.displayName;
		}

		public void setDisplayName(String displayName) {
			this.displayName = displayName;
		}

	}

}
