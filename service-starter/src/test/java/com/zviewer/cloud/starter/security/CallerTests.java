package com.zviewer.cloud.starter.security;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zviewer.cloud.starter.ZViewerJwtAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The caller as the access token names it (auth-service's tokens carry the user id, roles and display name). */
class CallerTests {

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void takesTheUserFromTheSubjectAndTheNameFromItsClaim() {
		Caller caller = Caller.of(authentication(jwt("7").claim("name", " Ann ").claim("roles", List.of("USER"))));
		assertThat(caller).isEqualTo(new Caller(7L, "Ann", false, false, "token-7"));
		assertThat(caller.isAnonymous()).isFalse();
		assertThat(caller.isStaff()).isFalse();
		assertThat(caller.isAdmin()).isFalse();
		assertThat(caller.is(7)).isTrue();
		assertThat(caller.is(8)).isFalse();
		assertThat(caller.requireUserId()).isEqualTo(7L);
	}

	@Test
	void knowsModeratorsAndAdmins() {
		Caller moderator = Caller.of(authentication(jwt("8").claim("roles", List.of("USER", "MODERATOR"))));
		assertThat(moderator.moderator()).isTrue();
		assertThat(moderator.isStaff()).isTrue();
		assertThat(moderator.isAdmin()).isFalse();
		Caller admin = Caller.of(authentication(jwt("9").claim("roles", List.of("USER", "ADMIN"))));
		assertThat(admin.isAdmin()).isTrue();
		assertThat(admin.isStaff()).isTrue();
	}

	@Test
	void fallsBackToTheSubjectAndShortensLongNames() {
		assertThat(Caller.of(authentication(jwt("10").claim("name", " ").claim("roles", List.of("USER")))).name())
			.isEqualTo("10");
		assertThat(Caller.of(authentication(jwt("10").claim("roles", List.of("USER")))).name()).isEqualTo("10");
		String longName = "\uD83D\uDE00".repeat(150);
		String name = Caller.of(authentication(jwt("11").claim("name", longName).claim("roles", List.of("USER"))))
			.name();
		assertThat(name.codePointCount(0, name.length())).isEqualTo(Caller.MAX_NAME_LENGTH);
	}

	@Test
	void refusesATokenWhoseSubjectIsNoUserId() {
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> Caller.of(authentication(jwt("ann").claim("roles", List.of("USER")))))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
	}

	@Test
	void anonymousWithoutAToken() {
		Caller caller = Caller.of(null);
		assertThat(caller).isSameAs(Caller.ANONYMOUS);
		assertThat(caller.isAnonymous()).isTrue();
		assertThat(caller.isStaff()).isFalse();
		assertThat(caller.is(1)).isFalse();
		assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(caller::requireUserId)
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
	}

	@Test
	void resolvesControllerParametersFromTheSecurityContext() throws Exception {
		CallerArgumentResolver resolver = new CallerArgumentResolver();
		assertThat(resolver.resolveArgument(null, null, null, null)).isSameAs(Caller.ANONYMOUS);
		SecurityContextHolder.getContext()
			.setAuthentication(authentication(jwt("12").claim("roles", List.of("USER", "MODERATOR"))));
		assertThat(resolver.resolveArgument(null, null, null, null))
			.isEqualTo(new Caller(12L, "12", true, false, "token-12"));
	}

	@Test
	void isRegisteredInServletApplicationsOnly() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(CallerAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(CallerAutoConfiguration.class));
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CallerAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CallerAutoConfiguration.class));
	}

	private static Jwt.Builder jwt(String subject) {
		return Jwt.withTokenValue("token-" + subject).header("alg", "RS256").subject(subject);
	}

	private static Authentication authentication(Jwt.Builder jwt) {
		return ZViewerJwtAutoConfiguration.authenticationConverter().convert(jwt.build());
	}

}
