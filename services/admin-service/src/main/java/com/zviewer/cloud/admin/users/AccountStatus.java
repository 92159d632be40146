package com.zviewer.cloud.admin.users;

/** Whether an account may sign in, as auth-service knows it. */
enum AccountStatus {

	ACTIVE, SUSPENDED, BANNED

}
