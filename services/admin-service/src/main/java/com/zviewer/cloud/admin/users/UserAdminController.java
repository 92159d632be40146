package com.zviewer.cloud.admin.users;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

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

import com.zviewer.cloud.admin.audit.AuditLog;

/**
 * User administration for administrators: list, search and view accounts, change a role, suspend, ban or re-activate.
 * Everything goes through auth-service's internal API with the calling administrator's own token, and every change
 * auth-service accepts is written to the audit log.
 */
@RestController
@RequestMapping("/api/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class UserAdminController {

	static final String ROLE_CHANGED = "user.role.changed";

	static final String STATUS_CHANGED = "user.status.changed";

	private final AuthServiceUsers users;

	private final AuditLog auditLog;

	UserAdminController(AuthServiceUsers users, AuditLog auditLog) {
		this.users = users;
		this.auditLog = auditLog;
	}

	/** Newest first; {@code q} matches email or display name, case-insensitively. */
	@GetMapping
	UserView.Page list(@AuthenticationPrincipal Jwt admin, @RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(required = false) Role role, @RequestParam(required = false) AccountStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.users.list(admin, q, role, status, page, size);
	}

	@GetMapping("/{id}")
	UserView get(@AuthenticationPrincipal Jwt admin, @PathVariable @Positive long id) {
		return this.users.get(admin, id);
	}

	@PutMapping("/{id}/role")
	UserView changeRole(@AuthenticationPrincipal Jwt admin, @PathVariable @Positive long id,
			@Valid @RequestBody RoleChange request) {
		UserView user = this.users.changeRole(admin, id, request.role());
		this.auditLog.record(admin, ROLE_CHANGED, UserView.target(id), Map.of("role", user.role()));
		return user;
	}

	/** Suspending or banning needs a reason, and ends the user's sessions (auth-service revokes their tokens). */
	@PutMapping("/{id}/status")
	UserView changeStatus(@AuthenticationPrincipal Jwt admin, @PathVariable @Positive long id,
			@Valid @RequestBody StatusChange request) {
		UserView user = this.users.changeStatus(admin, id, request.status(), request.reason());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", user.status());
		if (user.statusReason() != null) {
			details.put("reason", user.statusReason());
		}
		this.auditLog.record(admin, STATUS_CHANGED, UserView.target(id), details);
		return user;
	}

	/**
	 * A new role.
	 *
	 * @param role {@code USER}, {@code MODERATOR} or {@code ADMIN}
	 */
	record RoleChange(@NotNull Role role) {

	}

	/**
	 * A new status.
	 *
	 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code BANNED}
	 * @param reason why; auth-service requires one unless the status is {@code ACTIVE}
	 */
	record StatusChange(@NotNull AccountStatus status, @Size(max = 500) String reason) {

	}

}
