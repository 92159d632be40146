package com.zviewer.cloud.payments;

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
 * Who sends a request: a user (the subject of the access token, a numeric user id) with roles, or nobody. A controller
 * method receives it as a parameter.
 *
 * @param userId the user's id, {@code null} for an anonymous caller
 * @param moderator whether the caller is a MODERATOR (see {@link #isStaff()})
 * @param admin whether the caller is an administrator
 */
record Caller(Long userId, boolean moderator, boolean admin) {

	static final Caller ANONYMOUS = new Caller(null, false, false);

	static Caller user(long userId) {
		return new Caller(userId, false, false);
	}

	boolean isAnonymous() {
		return this.userId == null;
	}

	/** MODERATOR or ADMIN: sees everyone's payments, refunds, reads statistics. */
	boolean isStaff() {
		return this.moderator || this.admin;
	}

	boolean is(long userId) {
		return this.userId != null && this.userId == userId;
	}

	boolean isAdmin() {
		return this.admin;
	}

	/** The user id of an authenticated caller (the endpoint has checked there is one). */
	long requireUserId() {
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
		long userId;
		try {
			userId = Long.parseLong(jwt.getSubject());
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "The access token names no user id");
		}
		Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
		return new Caller(userId, has(authorities, "ROLE_MODERATOR"), has(authorities, "ROLE_ADMIN"));
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
