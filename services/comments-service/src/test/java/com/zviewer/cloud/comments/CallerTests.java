package com.zviewer.cloud.comments;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.starter.ZViewerJwtAutoConfiguration;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** The author of a comment as the access token names it (auth-service's tokens carry the display name). */
class CallerTests {

	@Test
	void takesTheUserFromTheSubjectAndTheNameFromItsClaim() {
		Caller caller = Caller.of(authentication(jwt("7").claim("name", " Ann ").claim("roles", List.of("USER"))));
		assertThat(caller).isEqualTo(new Caller("7", "Ann", false, false, "token-7"));
		assertThat(caller.isStaff()).isFalse();
	}

	@Test
	void knowsModeratorsAndAdmins() {
		assertThat(Caller.of(authentication(jwt("8").claim("roles", List.of("USER", "MODERATOR")))).isStaff()).isTrue();
		Caller admin = Caller.of(authentication(jwt("9").claim("roles", List.of("USER", "ADMIN"))));
		assertThat(admin.admin()).isTrue();
		assertThat(admin.isStaff()).isTrue();
	}

	@Test
	void fallsBackToTheSubjectAndShortensLongNames() {
		assertThat(Caller.of(authentication(jwt("10").claim("roles", List.of("USER")))).name()).isEqualTo("10");
		String longName = "\uD83D\uDE00".repeat(150);
		String name = Caller.of(authentication(jwt("11").claim("name", longName).claim("roles", List.of("USER"))))
			.name();
		assertThat(name.codePointCount(0, name.length())).isEqualTo(Caller.MAX_NAME_LENGTH);
	}

	@Test
	void anonymousWithoutAToken() {
		assertThat(Caller.of(null).isAnonymous()).isTrue();
	}

	private static Jwt.Builder jwt(String subject) {
		return Jwt.withTokenValue("token-" + subject).header("alg", "RS256").subject(subject);
	}

	private static Authentication authentication(Jwt.Builder jwt) {
		return ZViewerJwtAutoConfiguration.authenticationConverter().convert(jwt.build());
	}

}
