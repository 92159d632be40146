package com.zviewer.cloud.admin.payments;

/** Where a payment stands, as payments-service knows it. */
enum PaymentStatus {

	PENDING, REQUIRES_ACTION, COMPLETED, FAILED, CANCELLED, REFUNDED

}
