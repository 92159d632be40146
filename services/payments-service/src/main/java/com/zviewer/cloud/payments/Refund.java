package com.zviewer.cloud.payments;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Money given back from a completed payment: by staff through the API, or by the provider (a webhook). A payment's
 * refunds never add up to more than it.
 */
@Table("refunds")
record Refund(@Id Long id, long paymentId, int amount, String reason, String providerRefundId, Long createdBy,
		Instant createdAt) {

}
