package com.zviewer.cloud.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.zviewer.cloud.auth.UserView.PublicProfile;

/** Sign-up, one's own account, and the public profile of anyone. */
@RestController
@RequestMapping("/api/users")
class UserController {

	private final AccountService accounts;

	UserController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping
	ResponseEntity<UserView> register(@Valid @RequestBody Registration request) {
		UserAccount user = this.accounts.register(request.email().strip(), request.displayName().strip(),
				request.password(), Role.USER);
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(user.id()))
			.body(UserView.of(user));
	}

	@GetMapping("/me")
	@PreAuthorize("isAuthenticated()")
	UserView me(@AuthenticationPrincipal Jwt token) {
		return UserView.of(this.accounts.get(userId(token)));
	}

	@PatchMapping("/me")
	@PreAuthorize("isAuthenticated()")
	UserView updateMe(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ProfileUpdate request) {
		return UserView.of(this.accounts.updateDisplayName(userId(token), request.displayName().strip()));
	}

	@PutMapping("/me/password")
	@PreAuthorize("isAuthenticated()")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(@AuthenticationPrincipal Jwt token, @Valid @RequestBody PasswordChange request) {
		this.accounts.changePassword(userId(token), request.currentPassword(), request.newPassword());
	}

	@GetMapping("/{id}")
	PublicProfile profile(@PathVariable long id) {
		return PublicProfile.of(this.accounts.get(id));
	}

	static long userId(Jwt token) {
		return Long.parseLong(token.getSubject());
	}

	record Registration(@NotBlank @Email @Size(max = 254) String email, @NotNull @Size(max = 1000) String password,
			@NotBlank @Size(max = 100) String displayName) {
	}

	record ProfileUpdate(@NotBlank @Size(max = 100) String displayName) {
	}

	record PasswordChange(@NotNull @Size(max = 1000) String currentPassword,
			@NotNull @Size(max = 1000) String newPassword) {
	}

}
