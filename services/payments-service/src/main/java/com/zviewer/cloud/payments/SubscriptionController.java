package com.zviewer.cloud.payments;

import java.util.List;

import com.zviewer.cloud.starter.security.Caller;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The caller's subscriptions: subscribe (charging the first period), list, cancel at the end of the period. */
@RestController
@RequestMapping("/api/payments/subscriptions")
@PreAuthorize("isAuthenticated()")
class SubscriptionController {

	private final SubscriptionService subscriptions;

	SubscriptionController(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	/** 201 and the ACTIVE subscription; 402 problem if the charge is declined, 409 if already subscribed. */
	@PostMapping
	ResponseEntity<SubscriptionView> subscribe(Caller caller, @Valid @RequestBody NewSubscription request) {
		Subscription subscription = this.subscriptions.subscribe(caller.requireUserId(), request.planId(),
				request.paymentMethodId());
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(subscription.id()))
			.body(SubscriptionView.of(subscription));
	}

	/** Newest first, in every status. */
	@GetMapping
	List<SubscriptionView> list(Caller caller) {
		return this.subscriptions.list(caller.requireUserId()).stream().map(SubscriptionView::of).toList();
	}

	/** Cancels at the end of the period; answers the subscription (ACTIVE with cancelAtPeriodEnd). */
	@DeleteMapping("/{id}")
	SubscriptionView cancel(@PathVariable long id, Caller caller) {
		return SubscriptionView.of(this.subscriptions.cancel(id, caller));
	}

	/** A plan and, if not the default one, the saved payment method to charge. */
	record NewSubscription(@NotBlank @Size(max = 50) String planId, @Positive Long paymentMethodId) {
	}

}
