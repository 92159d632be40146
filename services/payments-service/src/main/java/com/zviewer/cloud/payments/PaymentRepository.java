package com.zviewer.cloud.payments;

import org.springframework.data.repository.ListCrudRepository;

interface PaymentRepository extends ListCrudRepository<Payment, Long> {

}
