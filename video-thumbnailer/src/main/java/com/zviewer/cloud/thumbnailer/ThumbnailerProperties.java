package com.zviewer.cloud.thumbnailer;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How frames are taken ({@code zviewer.thumbnailer.*} in config-repo/video-thumbnailer.yml).
 *
 * @param frameSize longest side of the frame sent to media-service, which makes the thumbnail of it
 * @param maxPosition latest point of a video the frame is taken at: a tenth into the video, at most this far
 * @param readTimeout longest wait for data while reading a video
 */
@Validated
@ConfigurationProperties("zviewer.thumbnailer")
public record ThumbnailerProperties(@DefaultValue("640") @Min(16) @Max(4096) int frameSize,
		@DefaultValue("10s") Duration maxPosition, @DefaultValue("30s") Duration readTimeout) {

}
