package com.zviewer.cloud.media;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of media-service, from config-repo/media-service.yml. A mutable bean, so that a change announced on the
 * bus rebinds it in place on every replica, with no restart.
 */
@Validated
@ConfigurationProperties("zviewer.media")
public class MediaProperties {

	/** Longest title accepted, in characters; at most 200, the size of the column. */
	@Min(1)
	@Max(200)
	private int maxTitleLength = 200;

	public int getMaxTitleLength() {
		return this.maxTitleLength;
	}

	public void setMaxTitleLength(int maxTitleLength) {
		this.maxTitleLength = maxTitleLength;
	}

}
