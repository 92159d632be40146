package com.zviewer.cloud.payments;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A saved card: the provider's token for it and what the user needs to recognise it (brand, last four digits,
 * expiry), never the full number nor the CVC. Each user has exactly one default method once they have any.
 */
@Table("payment_methods")
record PaymentMethod(@Id Long id, long userId, String provider, String providerToken, String brand, String last4,
		int expMonth, int expYear, boolean isDefault, Instant createdAt) {

}
