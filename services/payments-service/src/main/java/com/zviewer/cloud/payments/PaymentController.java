package com.zviewer.cloud.payments;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.zviewer.cloud.payments.IdempotentRequests.Answer;
import com.zviewer.cloud.payments.Payment.PaymentSource;
import com.zviewer.cloud.payments.Payment.PaymentStatus;
import com.zviewer.cloud.payments.PaymentProvider.WebhookEvent;
import com.zviewer.cloud.payments.PaymentService.WebhookOutcome;
import com.zviewer.cloud.starter.security.Caller;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Payments: create (idempotent, by card or saved method), list, read, the second step, cancel, refunds (staff,
 * idempotent), statistics (staff), the plans on offer, the caller's entitlements, and the provider's webhooks.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final PaymentService payments;

	private final IdempotentRequests idempotent;

	private final Entitlements entitlements;

	private final PaymentStatistics statistics;

	private final PaymentsProperties properties;

	PaymentController(PaymentService payments, IdempotentRequests idempotent, Entitlements entitlements,
			PaymentStatistics statistics, PaymentsProperties properties) {
		this.payments = payments;
		this.idempotent = idempotent;
		this.entitlements = entitlements;
		this.statistics = statistics;
		this.properties = properties;
	}

	/**
	 * Charges the caller: 201 and the payment, COMPLETED, FAILED (declined, with its {@code failureReason}) or
	 * REQUIRES_ACTION (confirm it). A repeat with the same Idempotency-Key answers the first answer again.
	 */
	@PostMapping
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<String> create(Caller caller,
			@RequestHeader(IdempotentRequests.HEADER) @NotBlank @Size(max = 255) String idempotencyKey,
			@Valid @RequestBody NewPayment request) {
		long userId = caller.requireUserId();
		CardDetails card = request.card();
		PaymentFingerprint fingerprint = new PaymentFingerprint(request.amount(), request.currency(),
				request.description(), request.mediaId(), request.paymentMethodId(),
				(card != null) ? card.last4() : null, (card != null) ? card.expMonth() : null,
				(card != null) ? card.expYear() : null);
		return this.idempotent.execute(userId, "payment", idempotencyKey, fingerprint, () -> {
			PaymentSource source = this.payments.source(userId, request.paymentMethodId(), card);
			Payment payment = this.payments.charge(userId, request.amount(), request.currency(),
					request.description().strip(), request.mediaId(), null, source,
					"payment:" + userId + ":" + idempotencyKey, false);
			URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(payment.id());
			return new Answer(HttpStatus.CREATED, PaymentView.of(payment), location);
		});
	}

	/** Newest first: one's own; moderators and admins see everyone's and may filter by {@code userId}. */
	@GetMapping
	@PreAuthorize("isAuthenticated()")
	PagedModel<PaymentView> list(Caller caller, @RequestParam(required = false) @Positive Long userId,
			@RequestParam(required = false) PaymentStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return new PagedModel<>(this.payments.list(caller, userId, status, page, size).map(PaymentView::of));
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	PaymentView get(@PathVariable long id, Caller caller) {
		return PaymentView.of(this.payments.get(id, caller));
	}

	/** The second step of a payment that REQUIRES_ACTION (the owner). */
	@PostMapping("/{id}/confirm")
	@PreAuthorize("isAuthenticated()")
	PaymentView confirm(@PathVariable long id, Caller caller) {
		return PaymentView.of(this.payments.confirm(id, caller));
	}

	/** Cancels a PENDING or REQUIRES_ACTION payment (the owner). */
	@PostMapping("/{id}/cancel")
	@PreAuthorize("isAuthenticated()")
	PaymentView cancel(@PathVariable long id, Caller caller) {
		return PaymentView.of(this.payments.cancel(id, caller));
	}

	/** Refunds part or all of what is left of a COMPLETED payment; 409 beyond it. */
	@PostMapping("/{id}/refunds")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	ResponseEntity<String> refund(@PathVariable long id, Caller caller,
			@RequestHeader(IdempotentRequests.HEADER) @NotBlank @Size(max = 255) String idempotencyKey,
			@Valid @RequestBody NewRefund request) {
		long userId = caller.requireUserId();
		String reason = (request.reason() != null && !request.reason().isBlank()) ? request.reason().strip() : null;
		return this.idempotent.execute(userId, "refund", idempotencyKey, new RefundFingerprint(id, request),
				() -> new Answer(HttpStatus.CREATED,
						RefundView.of(this.payments.refund(id, caller, request.amount(), reason, idempotencyKey)),
						null));
	}

	@GetMapping("/{id}/refunds")
	@PreAuthorize("isAuthenticated()")
	List<RefundView> refunds(@PathVariable long id, Caller caller) {
		return this.payments.refunds(id, caller).stream().map(RefundView::of).toList();
	}

	/** The shared statistics shape, plus {@code completedAmounts} per currency (net of refunds). */
	@GetMapping("/statistics")
	@PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
	PaymentStatistics.Statistics statistics(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return this.statistics.statistics(from, to);
	}

	/** The subscription plans on offer. */
	@GetMapping("/plans")
	@PreAuthorize("permitAll()")
	List<PlanView> plans() {
		return this.properties.getPlans().stream().map(PlanView::of).toList();
	}

	/** Whether the caller may see a premium media item, and why. */
	@GetMapping("/entitlements")
	@PreAuthorize("isAuthenticated()")
	Entitlements.Entitlement entitlement(Caller caller, @RequestParam @Positive long mediaId) {
		return this.entitlements.check(caller.requireUserId(), mediaId);
	}

	/**
	 * A provider's webhook: no bearer token, but a signature the provider verifies. 200 with what became of it
	 * (PROCESSED, IGNORED when it applies to nothing, DUPLICATE for an event id already processed, which changes
	 * nothing); 400 problem when it cannot be verified.
	 */
	@PostMapping("/webhooks/{provider}")
	@PreAuthorize("permitAll()")
	WebhookAnswer webhook(@PathVariable String provider, @RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte[] body) {
		PaymentProvider payments = this.payments.provider(provider);
		WebhookEvent event = payments.verifyWebhook(headers, (body != null) ? body : new byte[0]);
		return new WebhookAnswer(event.id(), this.payments.webhook(payments.name(), event));
	}

	record NewPayment(@NotNull @Min(50) @Max(100000) Integer amount, @NotNull Currency currency,
			@NotBlank @Size(max = 500) String description, @Positive Long mediaId, @Positive Long paymentMethodId,
			@Valid CardDetails card) {
	}

	/** What makes two payment requests the same: never the card number or CVC, only what may be stored. */
	record PaymentFingerprint(int amount, Currency currency, String description, Long mediaId, Long paymentMethodId,
			String cardLast4, Integer expMonth, Integer expYear) {
	}

	record NewRefund(@NotNull @Min(1) Integer amount, @Size(max = 500) String reason) {
	}

	record RefundFingerprint(long paymentId, NewRefund refund) {
	}

	record PlanView(String id, String name, int price, Currency currency, String period) {

		static PlanView of(PaymentsProperties.Plan plan) {
			return new PlanView(plan.getId(), plan.getName(), plan.getPrice(), plan.getCurrency(),
					plan.getPeriod().toString());
		}

	}

	record WebhookAnswer(String eventId, WebhookOutcome outcome) {
	}

}
