package com.zviewer.cloud.auth;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.zviewer.cloud.auth.TokenService.Tokens;

/** Sign-in, token refresh, sign-out, and the public keys that verify access tokens. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

	private final AccountService accounts;

	private final TokenService tokens;

	AuthController(AccountService accounts, TokenService tokens) {
		this.accounts = accounts;
		this.tokens = tokens;
	}

	@PostMapping("/login")
	ResponseEntity<Tokens> login(@Valid @RequestBody Login request) {
		UserAccount user = this.accounts.authenticate(request.email().strip(), request.password());
		return noStore(this.tokens.login(user));
	}

	@PostMapping("/refresh")
	ResponseEntity<Tokens> refresh(@Valid @RequestBody Refresh request) {
		return noStore(this.tokens.refresh(request.refreshToken()));
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@Valid @RequestBody Refresh request) {
		this.tokens.logout(request.refreshToken());
	}

	/** The JWK set (RFC 7517) of every key a valid access token may be signed with; public keys only. */
	@GetMapping("/jwks")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.tokens.publicKeys().toJSONObject(true));
	}

	private static ResponseEntity<Tokens> noStore(Tokens tokens) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
	}

	record Login(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password) {
	}

	record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
	}

}
