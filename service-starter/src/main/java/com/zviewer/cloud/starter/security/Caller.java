package com.zviewer.cloud.starter.security;

import java.util.Collection;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who sends a request, as the access token says: a user (its subject, a numeric user id) with a display name (its
 * {@code name} claim) and roles, or nobody. Controller methods of servlet applications receive it as a parameter (see
 * {@link CallerArgumentResolver}); elsewhere {@link #of(Authentication)} makes one.
 *
 * @param userId the token's subject as a number, {@code null} for an anonymous caller
 * @param name the token's {@code name} claim, or the subject when the token has none, at most
 * {@value #MAX_NAME_LENGTH} code points
 * @param moderator whether the caller is a MODERATOR (see {@link #isStaff()})
 * @param admin whether the caller is an ADMIN
 * @param accessToken the bearer token, to pass on to other services; {@code null} for an anonymous caller
 */
public record Caller(Long userId, String name, boolean moderator, boolean admin, String accessToken) {

	/** The caller of a request without a bearer token. */
	public static final Caller ANONYMOUS = new Caller(null, null, false, false, null);

	/** Longest display name kept, the length of a display name at auth-service. */
	public static final int MAX_NAME_LENGTH = 100;

	/**
	 * The caller an authentication names: anonymous unless it holds a {@link Jwt}.
	 * @param authentication the authentication, {@code null} for none
	 * @return the caller
	 * @throws ResponseStatusException 401 when the token's subject is not a user id
	 */
	public static Caller of(Authentication authentication) {
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
		return new Caller(userId, displayName(jwt), has(authorities, "ROLE_MODERATOR"), has(authorities, "ROLE_ADMIN"),
				jwt.getTokenValue());
	}

	private static String displayName(Jwt jwt) {
		String name = jwt.getClaimAsString("name");
		if (name == null || name.isBlank()) {
			name = jwt.getSubject();
		}
		name = name.strip();
		if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
		}
		return name;
	}

	private static boolean has(Collection<? extends GrantedAuthority> authorities, String authority) {
		return authorities.stream().anyMatch((granted) -> authority.equals(granted.getAuthority()));
	}

	public boolean isAnonymous() {
		return this.userId == null;
	}

	/** MODERATOR or ADMIN: the staff that sees and moderates everyone's content. */
	public boolean isStaff() {
		return this.moderator || this.admin;
	}

	public boolean isAdmin() {
		return this.admin;
	}

	/** Whether the caller is the given user. */
	public boolean is(long userId) {
		return this.userId != null && this.userId == userId;
	}

	/**
	 * The user id as text, as the token's subject names it, for services that keep user ids as text.
	 * @return the user id as text, {@code null} for an anonymous caller
	 */
	public String subject() {
		return (this.userId != null) ? this.userId.toString() : null;
	}

	/**
	 * The user id of an authenticated caller (the endpoint has checked there is one).
	 * @throws ResponseStatusException 401 for an anonymous caller
	 */
	public long requireUserId() {
		if (this.userId == null) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
					"Sign in first: this needs a bearer access token");
		}
		return this.userId;
	}

}
