package com.zviewer.cloud.payments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

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

/**
 * Payments, recorded as pending. The provider, idempotency keys, webhooks and refunds come with the payments issue.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final PaymentRepository payments;

	PaymentController(PaymentRepository payments) {
		this.payments = payments;
	}

	@PostMapping
	ResponseEntity<Payment> create(@Valid @RequestBody NewPayment request) {
		Payment payment = this.payments.save(Payment.pending(request.amountCents(), request.currency()));
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(payment.id()))
			.body(payment);
	}

	@GetMapping("/{id}")
	Payment get(@PathVariable long id) {
		return this.payments.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No payment with id " + id));
	}

	record NewPayment(@NotNull @Min(50) @Max(100000) Integer amountCents,
			@NotNull @Pattern(regexp = "USD|EUR|GBP|CAD") String currency) {
	}

}
