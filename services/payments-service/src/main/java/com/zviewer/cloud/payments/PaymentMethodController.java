package com.zviewer.cloud.payments;

import java.util.List;

import com.zviewer.cloud.starter.security.Caller;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The caller's saved payment methods (cards): add, list, delete, choose the default. */
@RestController
@RequestMapping("/api/payments/methods")
@PreAuthorize("isAuthenticated()")
class PaymentMethodController {

	private final PaymentMethodService methods;

	PaymentMethodController(PaymentMethodService methods) {
		this.methods = methods;
	}

	/** Saves a card (Luhn-checked, not expired); the first one becomes the default. */
	@PostMapping
	ResponseEntity<PaymentMethodView> add(Caller caller, @Valid @RequestBody CardDetails card) {
		PaymentMethod method = this.methods.add(caller.requireUserId(), card);
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(method.id()))
			.body(PaymentMethodView.of(method));
	}

	/** Oldest first. */
	@GetMapping
	List<PaymentMethodView> list(Caller caller) {
		return this.methods.list(caller.requireUserId()).stream().map(PaymentMethodView::of).toList();
	}

	@GetMapping("/{id}")
	PaymentMethodView get(@PathVariable long id, Caller caller) {
		return PaymentMethodView.of(this.methods.owned(caller.requireUserId(), id));
	}

	/** Deletes a method; if it was the default, the newest remaining one becomes the default. */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, Caller caller) {
		this.methods.delete(caller.requireUserId(), id);
	}

	@PutMapping("/{id}/default")
	PaymentMethodView makeDefault(@PathVariable long id, Caller caller) {
		return PaymentMethodView.of(this.methods.makeDefault(caller.requireUserId(), id));
	}

}
