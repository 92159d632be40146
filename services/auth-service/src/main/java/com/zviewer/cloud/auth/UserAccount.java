package com.zviewer.cloud.auth;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("users")
public record UserAccount(@Id Long id, String email, String displayName, Instant createdAt) {

	static UserAccount create(String email, String displayName) {
		return new UserAccount(null, email, displayName, Instant.now());
	}

}
