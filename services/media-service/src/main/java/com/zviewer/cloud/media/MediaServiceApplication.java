package com.zviewer.cloud.media;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * media-service: upload, storage, streaming, thumbnails, search and moderation of images and videos, on its own
 * PostgreSQL database and a storage directory that every replica shares.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MediaServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MediaServiceApplication.class, args);
	}

}
