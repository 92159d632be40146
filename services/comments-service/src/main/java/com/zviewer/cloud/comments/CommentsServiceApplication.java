package com.zviewer.cloud.comments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * comments-service: threaded comments on media items, with content rules, a rate limit per user, reports and a
 * moderation queue, on its own PostgreSQL database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommentsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CommentsServiceApplication.class, args);
	}

}
