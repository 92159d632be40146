package com.zviewer.cloud.payments;

import com.zviewer.cloud.payments.Payment.PaymentStatus;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** Inserts, finds and lists payments; changes of status are {@link PaymentService}'s conditional updates. */
interface PaymentRepository extends ListCrudRepository<Payment, Long>, ListPagingAndSortingRepository<Payment, Long> {

	Page<Payment> findByUserId(long userId, Pageable pageable);

	Page<Payment> findByStatus(PaymentStatus status, Pageable pageable);

	Page<Payment> findByUserIdAndStatus(long userId, PaymentStatus status, Pageable pageable);

}
