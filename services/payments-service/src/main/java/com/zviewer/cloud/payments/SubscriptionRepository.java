package com.zviewer.cloud.payments;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface SubscriptionRepository extends ListCrudRepository<Subscription, Long> {

	List<Subscription> findByUserIdOrderByIdDesc(long userId);

}
