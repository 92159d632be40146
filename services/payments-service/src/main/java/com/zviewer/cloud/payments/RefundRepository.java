package com.zviewer.cloud.payments;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface RefundRepository extends ListCrudRepository<Refund, Long> {

	List<Refund> findByPaymentIdOrderById(long paymentId);

	Optional<Refund> findByProviderRefundId(String providerRefundId);

}
