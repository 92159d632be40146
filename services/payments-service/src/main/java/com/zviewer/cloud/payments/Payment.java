package com.zviewer.cloud.payments;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "payments")
public class Payment {

	public enum Status {

		PENDING, COMPLETED, FAILED, CANCELLED, REFUNDED

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private int amountCents;

	private String currency;

	@Enumerated(EnumType.STRING)
	private Status status;

	private Instant createdAt;

	protected Payment() {
	}

	Payment(int amountCents, String currency) {
		this.amountCents = amountCents;
		this.currency = currency;
		this.status = Status.PENDING;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public int getAmountCents() {
		return this.amountCents;
	}

	public String getCurrency() {
		return this.currency;
	}

	public Status getStatus() {
		return this.status;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
