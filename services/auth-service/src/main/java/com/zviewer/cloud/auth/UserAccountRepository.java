package com.zviewer.cloud.auth;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

interface UserAccountRepository
		extends ListCrudRepository<UserAccount, Long>, ListPagingAndSortingRepository<UserAccount, Long> {

	/** Uses the unique index on {@code lower(email)}. */
	@Query("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(:email))")
	boolean existsByEmailIgnoreCase(String email);

	@Query("SELECT * FROM users WHERE lower(email) = lower(:email)")
	Optional<UserAccount> findByEmailIgnoreCase(String email);

	boolean existsByRole(Role role);

}
