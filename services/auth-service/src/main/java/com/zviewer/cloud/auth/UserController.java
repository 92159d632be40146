package com.zviewer.cloud.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** User accounts. Passwords, login and tokens come with the accounts issue; this is the store they build on. */
@RestController
@RequestMapping("/api/users")
class UserController {

	private final UserAccountRepository users;

	UserController(UserAccountRepository users) {
		this.users = users;
	}

	@PostMapping
	ResponseEntity<UserAccount> register(@Valid @RequestBody NewUser request) {
		if (this.users.existsByEmailIgnoreCase(request.email())) {
			throw emailTaken();
		}
		UserAccount user;
		try {
			user = this.users.save(UserAccount.create(request.email().strip(), request.displayName().strip()));
		}
		catch (DataIntegrityViolationException ex) {
			throw emailTaken();
		}
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(user.id()))
			.body(user);
	}

	@GetMapping("/{id}")
	UserAccount get(@PathVariable long id) {
		return this.users.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + id));
	}

	@GetMapping
	PagedModel<UserAccount> list(@PageableDefault(sort = "id", direction = Direction.DESC) Pageable pageable) {
		return new PagedModel<>(this.users.findAll(pageable));
	}

	private static ResponseStatusException emailTaken() {
		return new ResponseStatusException(HttpStatus.CONFLICT, "An account with this email already exists");
	}

	record NewUser(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 100) String displayName) {
	}

}
