package com.zviewer.cloud.auth;

import java.nio.charset.StandardCharsets;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import com.zviewer.cloud.starter.outbox.Outbox;

/** Accounts: sign-up, sign-in, profile and password, and what administrators change (role, status). */
@Service
class AccountService {

	/** BCrypt reads at most 72 bytes of a password; longer ones are refused rather than cut silently. */
	static final int MAX_PASSWORD_BYTES = 72;

	private final UserAccountRepository users;

	private final PasswordEncoder passwords;

	private final TokenService tokens;

	private final AccessRevocations revocations;

	private final Outbox outbox;

	/** Compared against when the email is unknown, so that the answer takes as long as for a wrong password. */
	private final String unknownUserHash;

	AccountService(UserAccountRepository users, PasswordEncoder passwords, TokenService tokens,
			AccessRevocations revocations, Outbox outbox) {
		this.users = users;
		this.passwords = passwords;
		this.tokens = tokens;
		this.revocations = revocations;
		this.outbox = outbox;
		this.unknownUserHash = passwords.encode("not a password of anyone");
	}

	@Transactional
	UserAccount register(String email, String displayName, String password, Role role) {
		checkPassword(password);
		if (this.users.existsByEmailIgnoreCase(email)) {
			throw emailTaken();
		}
		try {
			return this.users.save(UserAccount.create(email, displayName, this.passwords.encode(password), role));
		}
		catch (DataIntegrityViolationException ex) {
			throw emailTaken();
		}
	}

	/** Checks email and password; one answer for an unknown email and a wrong password. */
	UserAccount authenticate(String email, String password) {
		UserAccount user = this.users.findByEmailIgnoreCase(email).orElse(null);
		String hash = (user != null && user.passwordHash() != null) ? user.passwordHash() : this.unknownUserHash;
		boolean matches = this.passwords.matches(password, hash);
		if (user == null || user.passwordHash() == null || !matches) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Wrong email or password");
		}
		if (!user.active()) {
			throw inactive(user);
		}
		return user;
	}

	UserAccount get(long id) {
		return this.users.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + id));
	}

	@Transactional
	UserAccount updateDisplayName(long id, String displayName) {
		return this.users.save(get(id).withDisplayName(displayName));
	}

	/** Changes the password and ends every session, including the tokens already handed out. */
	@Transactional
	void changePassword(long id, String currentPassword, String newPassword) {
		UserAccount user = get(id);
		if (user.passwordHash() == null || !this.passwords.matches(currentPassword, user.passwordHash())) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The current password is wrong");
		}
		checkPassword(newPassword);
		this.users.save(user.withPasswordHash(this.passwords.encode(newPassword)));
		this.tokens.revokeAll(id);
		this.revocations.revokeIssuedUntilNow(id);
	}

	/** A new role applies from the next sign-in: current sessions end so that no token keeps the old role. */
	@Transactional
	UserAccount changeRole(long id, Role role) {
		UserAccount user = get(id);
		if (user.role() == role) {
			return user;
		}
		UserAccount changed = this.users.save(user.withRole(role));
		this.tokens.revokeAll(id);
		this.revocations.revokeIssuedUntilNow(id);
		return changed;
	}

	/**
	 * Suspending or banning ends every session at once; re-activating lets the user sign in again. A new status is
	 * announced as {@link UserStatusChanged}; the same status again (with another reason, say) is not.
	 */
	@Transactional
	UserAccount changeStatus(long id, AccountStatus status, String reason) {
		UserAccount user = get(id);
		if (status != AccountStatus.ACTIVE && (reason == null || reason.isBlank())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Say why the account is " + status);
		}
		UserAccount changed = this.users
			.save(user.withStatus(status, (status == AccountStatus.ACTIVE) ? null : reason.strip()));
		if (status != AccountStatus.ACTIVE) {
			this.tokens.revokeAll(id);
			this.revocations.revokeIssuedUntilNow(id);
		}
		if (status != user.status()) {
			UserStatusChanged event = UserStatusChanged.of(changed);
			this.outbox.add(UserStatusChanged.EXCHANGE, event.routingKey(), event);
		}
		return changed;
	}

	static void checkPassword(String password) {
		if (password == null || password.codePointCount(0, password.length()) < 8) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The password needs at least 8 characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The password may have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
		}
	}

	static ResponseStatusException inactive(UserAccount user) {
		return new ResponseStatusException(HttpStatus.FORBIDDEN,
				"This account is " + user.status().name().toLowerCase(java.util.Locale.ROOT)
						+ ((user.statusReason() != null) ? ": " + user.statusReason() : ""));
	}

	private static ResponseStatusException emailTaken() {
		return new ResponseStatusException(HttpStatus.CONFLICT, "An account with this email already exists");
	}

}
