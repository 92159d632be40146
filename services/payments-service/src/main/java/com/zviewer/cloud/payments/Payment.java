package com.zviewer.cloud.payments;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("payments")
public record Payment(@Id Long id, int amountCents, String currency, Status status, Instant createdAt) {

	public enum Status {

		PENDING, COMPLETED, FAILED, CANCELLED, REFUNDED

	}

	static Payment pending(int amountCents, String currency) {
		return new Payment(null, amountCents, currency, Status.PENDING, Instant.now());
	}

}
