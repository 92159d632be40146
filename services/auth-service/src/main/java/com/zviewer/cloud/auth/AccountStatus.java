package com.zviewer.cloud.auth;

/** Whether an account may sign in. Suspended and banned accounts can neither log in nor refresh their tokens. */
public enum AccountStatus {

	ACTIVE, SUSPENDED, BANNED

}
