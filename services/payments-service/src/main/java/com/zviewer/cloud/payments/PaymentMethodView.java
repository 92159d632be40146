package com.zviewer.cloud.payments;

import java.time.Instant;

/** A saved payment method as the API shows it. */
record PaymentMethodView(long id, String brand, String last4, int expMonth, int expYear, boolean isDefault,
		Instant createdAt) {

	static PaymentMethodView of(PaymentMethod method) {
		return new PaymentMethodView(method.id(), method.brand(), method.last4(), method.expMonth(), method.expYear(),
				method.isDefault(), method.createdAt());
	}

}
