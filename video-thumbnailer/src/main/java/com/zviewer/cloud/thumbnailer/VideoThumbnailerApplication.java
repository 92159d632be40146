package com.zviewer.cloud.thumbnailer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * video-thumbnailer: makes the thumbnail of each video uploaded to media-service from one of its frames, decoded with
 * FFmpeg's libraries, when media-service asks for it on RabbitMQ. A deployable of its own so that FFmpeg (about 25 MB
 * compressed) stays out of media-service's image; it keeps no data of its own.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VideoThumbnailerApplication {

	public static void main(String[] args) {
		VideoFrames.configureNativeLibraries();
		SpringApplication.run(VideoThumbnailerApplication.class, args);
	}

}
