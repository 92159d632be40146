package com.zviewer.cloud.payments;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface PaymentMethodRepository extends ListCrudRepository<PaymentMethod, Long> {

	List<PaymentMethod> findByUserIdOrderById(long userId);

	@Query("SELECT * FROM payment_methods WHERE user_id = :userId AND is_default")
	Optional<PaymentMethod> findDefault(long userId);

	long countByUserId(long userId);

}
