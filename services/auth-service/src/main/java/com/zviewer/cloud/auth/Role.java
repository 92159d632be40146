package com.zviewer.cloud.auth;

import java.util.List;

/** What an account may do. Each role includes the ones before it: a moderator is also a user, an admin also both. */
public enum Role {

	USER, MODERATOR, ADMIN;

	/** This role and every role it includes, as access tokens list them. */
	public List<String> granted() {
		return java.util.Arrays.stream(values()).filter((role) -> role.ordinal() <= ordinal()).map(Role::name).toList();
	}

}
