package com.zviewer.cloud.payments;

import jakarta.validation.constraints.Positive;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Entitlements for other services (media-service): under {@code /internal}, which the gateway does not route. Needs
 * an access token: of an ADMIN or a service (role SERVICE) for any user, or of the user asked about (a service
 * forwarding its caller's token).
 */
@RestController
class InternalEntitlementController {

	private final Entitlements entitlements;

	InternalEntitlementController(Entitlements entitlements) {
		this.entitlements = entitlements;
	}

	@GetMapping("/internal/entitlements")
	@PreAuthorize("hasAnyRole('ADMIN','SERVICE') or (isAuthenticated() and #userId.toString() == authentication.name)")
	Entitlements.Entitlement entitlement(@RequestParam @Positive long userId, @RequestParam @Positive long mediaId) {
		return this.entitlements.check(userId, mediaId);
	}

}
