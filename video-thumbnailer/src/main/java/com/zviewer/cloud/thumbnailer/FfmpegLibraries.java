package com.zviewer.cloud.thumbnailer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads FFmpeg's libraries once the application has started (outside the image, JavaCPP unpacks them from their jar
 * the first time, about 60 MB), so that a broken installation shows in the log at once rather than with the first
 * video, and the first video does not wait for it.
 */
@Component
class FfmpegLibraries implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(FfmpegLibraries.class);

	@Override
	public void run(ApplicationArguments args) {
		Thread.ofVirtual().name("ffmpeg-loader").start(() -> {
			try {
				logger.info("FFmpeg {} loaded", VideoFrames.load());
			}
			catch (RuntimeException | LinkageError ex) {
				logger.error("FFmpeg's libraries could not be loaded: no video frame can be made", ex);
			}
		});
	}

}
