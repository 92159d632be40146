package com.zviewer.cloud.admin.users;

/** What an account may do, as auth-service knows it. Each role includes the ones before it. */
enum Role {

	USER, MODERATOR, ADMIN

}
