package com.zviewer.cloud.auth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What admin-service needs from auth-service: list and search accounts, change a role or a status, count them. Under
 * {@code /internal}, which the gateway does not route, so it is reachable only on the system's own network, and only
 * with an administrator's access token (admin-service forwards the one it was called with).
 */
@RestController
@RequestMapping("/internal/users")
@PreAuthorize("hasRole('ADMIN')")
class InternalUserController {

	private final AccountService accounts;

	private final UserAccountRepository users;

	private final JdbcClient jdbc;

	private final UserStatistics statistics;

	InternalUserController(AccountService accounts, UserAccountRepository users, JdbcClient jdbc,
			UserStatistics statistics) {
		this.accounts = accounts;
		this.users = users;
		this.jdbc = jdbc;
		this.statistics = statistics;
	}

	/** Newest first; {@code q} matches email or display name, case-insensitively. */
	@GetMapping
	PagedModel<UserView> list(@RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(required = false) Role role, @RequestParam(required = false) AccountStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (q != null && !q.isBlank()) {
			conditions.add("(lower(email) LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')");
			String pattern = "%" + q.strip().toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%";
			params.add(pattern);
			params.add(pattern);
		}
		if (role != null) {
			conditions.add("role = ?");
			params.add(role.name());
		}
		if (status != null) {
			conditions.add("status = ?");
			params.add(status.name());
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		long total = this.jdbc.sql("SELECT count(*) FROM users" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<Long> ids = this.jdbc.sql("SELECT id FROM users" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
			.params(pageParams)
			.query(Long.class)
			.list();
		List<UserView> users = this.users.findAllById(ids)
			.stream()
			.sorted(Comparator.comparing(UserAccount::id).reversed())
			.map(UserView::of)
			.toList();
		return new PagedModel<>(new PageImpl<>(users, PageRequest.of(page, size), total));
	}

	/**
	 * Accounts that exist now, of each role and status, and accounts created per UTC day from {@code from} to
	 * {@code to} (ISO dates, both inclusive; by default the last 30 days).
	 */
	@GetMapping("/statistics")
	UserStatistics.Statistics statistics(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return this.statistics.of(from, to);
	}

	@GetMapping("/{id}")
	UserView get(@PathVariable long id) {
		return UserView.of(this.accounts.get(id));
	}

	@PutMapping("/{id}/role")
	UserView changeRole(@AuthenticationPrincipal Jwt admin, @PathVariable long id,
			@Valid @RequestBody RoleChange request) {
		notSelf(admin, id);
		return UserView.of(this.accounts.changeRole(id, request.role()));
	}

	@PutMapping("/{id}/status")
	UserView changeStatus(@AuthenticationPrincipal Jwt admin, @PathVariable long id,
			@Valid @RequestBody StatusChange request) {
		notSelf(admin, id);
		return UserView.of(this.accounts.changeStatus(id, request.status(), request.reason()));
	}

	/** An administrator cannot lock themselves out; another administrator has to. */
	private static void notSelf(Jwt admin, long id) {
		if (UserController.userId(admin) == id) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Administrators cannot change their own account");
		}
	}

	record RoleChange(@NotNull Role role) {
	}

	record StatusChange(@NotNull AccountStatus status, @Size(max = 500) String reason) {
	}

}
