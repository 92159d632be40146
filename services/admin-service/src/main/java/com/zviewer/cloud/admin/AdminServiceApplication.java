package com.zviewer.cloud.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The administration service: user administration through auth-service's internal API, and the audit log of every
 * change an administrator makes. Calls to other services use the starter's {@code @LoadBalanced RestClient.Builder}.
 */
@SpringBootApplication
public class AdminServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AdminServiceApplication.class, args);
	}

}
