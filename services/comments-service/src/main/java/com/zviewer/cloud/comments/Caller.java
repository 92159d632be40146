package com.zviewer.cloud.comments;

import java.util.Collection;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who sends a request, as the access token says: a user (its subject) with a display name (its {@code name} claim) and
 * roles, or nobody. Authors are always taken from here, never from a request body. A controller method receives it as
 * a parameter.
 *
 * @param userId the token's subject, {@code null} for an anonymous caller
 * @param name the token's {@code name} claim, or the subject when the token has none
 * @param moderator whether the caller is a moderator
 * @param admin whether the caller is an administrator
 * @param accessToken the bearer token, passed on to media-service
 */
record Caller(String userId, String name, boolean moderator, boolean admin, String accessToken) {

	static final Caller ANONYMOUS = new Caller(null, null, false, false, null);

	/** Longest author name kept, the length of a display name at auth-service. */
	static final int MAX_NAME_LENGTH = 100;

	boolean isAnonymous() {
		return this.userId == null;
	}

	/** Moderators and admins: they see and moderate every comment. */
	boolean isStaff() {
		return this.moderator || this.admin;
	}

	boolean is(String userId) {
		return this.userId != null && this.userId.equals(userId);
	}

	/** The user id of an authenticated caller (the endpoint has checked there is one). */
	String requireUserId() {
		if (this.userId == null) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
					"Sign in first: this needs a bearer access token");
		}
		return this.userId;
	}

	static Caller of(Authentication authentication) {
		if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
			return ANONYMOUS;
		}
		String name = jwt.getClaimAsString("name");
		if (name == null || name.isBlank()) {
			name = jwt.getSubject();
		}
		name = name.strip();
		if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
		}
		Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
		return new Caller(jwt.getSubject(), name, has(authorities, "ROLE_MODERATOR"), has(authorities, "ROLE_ADMIN"),
				jwt.getTokenValue());
	}

	private static boolean has(Collection<? extends GrantedAuthority> authorities, String authority) {
		return authorities.stream().anyMatch((granted) -> authority.equals(granted.getAuthority()));
	}

	/** Resolves {@link Caller} parameters of controller methods from the security context. */
	static class ArgumentResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Caller.class;
		}

		@Override
		public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
				NativeWebRequest request, WebDataBinderFactory binderFactory) {
			return Caller.of(SecurityContextHolder.getContext().getAuthentication());
		}

	}

}
