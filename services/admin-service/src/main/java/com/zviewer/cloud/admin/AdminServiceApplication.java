package com.zviewer.cloud.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The administration service, for administrators only: user administration through auth-service's internal API,
 * content and comment moderation through media-service and comments-service, payments and refunds through
 * payments-service, the statistics of them all, and the audit log of every change an administrator makes. Calls to
 * other services use the starter's {@code @LoadBalanced RestClient.Builder} (see {@code remote.RemoteService}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AdminServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AdminServiceApplication.class, args);
	}

}
