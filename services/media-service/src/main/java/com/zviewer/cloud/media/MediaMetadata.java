package com.zviewer.cloud.media;

/**
 * What is read of a file's header when it is stored: the dimensions of an image or video and the duration of a
 * video, each {@code null} when the header does not tell.
 */
record MediaMetadata(Integer width, Integer height, Long durationMillis) {

	static final MediaMetadata UNKNOWN = new MediaMetadata(null, null, null);

}
