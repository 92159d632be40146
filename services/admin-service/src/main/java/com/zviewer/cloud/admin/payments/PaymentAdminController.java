package com.zviewer.cloud.admin.payments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.zviewer.cloud.admin.audit.AuditLog;
import com.zviewer.cloud.admin.remote.RemoteService;

/**
 * Payments for administrators: everyone's payments, and refunds. Everything goes through payments-service with the
 * administrator's own token; every refund payments-service makes is written to the audit log, once.
 */
@RestController
@RequestMapping("/api/admin/payments")
@PreAuthorize("hasRole('ADMIN')")
class PaymentAdminController {

	static final String REFUNDED = "payment.refunded";

	private final PaymentsServicePayments payments;

	private final AuditLog auditLog;

	PaymentAdminController(PaymentsServicePayments payments, AuditLog auditLog) {
		this.payments = payments;
		this.auditLog = auditLog;
	}

	/** Everyone's payments, or one user's, optionally in one status, as payments-service orders them. */
	@GetMapping
	RemoteService.Page<PaymentView> list(@AuthenticationPrincipal Jwt admin,
			@RequestParam(required = false) @Positive Long userId,
			@RequestParam(required = false) PaymentStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.payments.list(admin, userId, status, page, size);
	}

	/**
	 * Refunds part or all of a payment. payments-service refunds once per {@code Idempotency-Key}: a client that may
	 * retry sends its own key, the same on every try, and the refund is made (and audited) once; without one, each
	 * request gets a fresh key and is a new refund.
	 */
	@PostMapping("/{id}/refunds")
	ResponseEntity<RefundView> refund(@AuthenticationPrincipal Jwt admin, @PathVariable @Positive long id,
			@RequestHeader(name = PaymentsServicePayments.IDEMPOTENCY_KEY, required = false) @Size(min = 1,
					max = 200) @Pattern(regexp = "[\\x21-\\x7E]+") String idempotencyKey,
			@Valid @RequestBody Refund refund) {
		String key = (idempotencyKey != null) ? idempotencyKey : UUID.randomUUID().toString();
		ResponseEntity<RefundView> answer = this.payments.refund(admin, id, refund.amount(), refund.reason().strip(),
				key);
		RefundView made = answer.getBody();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("refundId", made.id());
		details.put("amount", made.amount());
		details.put("reason", made.reason());
		details.put("idempotencyKey", key);
		this.auditLog.recordOnce(admin, REFUNDED, PaymentView.target(id), details);
		return ResponseEntity.status(answer.getStatusCode()).body(made);
	}

	/**
	 * A refund to make.
	 *
	 * @param amount how much, in cents; at most what is left to refund (payments-service checks)
	 * @param reason why
	 */
	record Refund(@NotNull @Positive Long amount, @NotBlank @Size(max = 500) String reason) {

	}

}
