package com.zviewer.cloud.media;

/**
 * Asks video-thumbnailer for a frame of a video: JSON on the topic exchange {@value #EXCHANGE} with routing key
 * {@value #ROUTING_KEY}, persistent, sent through the outbox. The thumbnailer reads the original from {@code source}
 * (Range requests, so it can seek) and returns the frame as a JPEG with a {@code PUT} to {@code thumbnail}, or the
 * reason it could not with a {@code PUT} to {@code failure}; all three are paths on any instance of {@code service}
 * and take the {@code ticket} in the {@value VideoFrameController#TICKET_HEADER} header. The ticket stays valid while
 * the thumbnail is pending: a request sent again (an attempt that timed out) carries the same one, so a repeat is
 * harmless.
 *
 * @param mediaId the video
 * @param contentType its type (video/mp4, video/webm)
 * @param durationMillis its length, if known, to choose the frame
 * @param service the application name of the instances that answer the paths
 * @param source path of the original
 * @param thumbnail path to put the frame to
 * @param failure path to report a video no frame can be taken from
 * @param ticket the credential for the three paths
 * @param attempt which request this is for the video (1 for the first)
 */
record VideoFrameRequested(long mediaId, String contentType, Long durationMillis, String service, String source,
		String thumbnail, String failure, String ticket, int attempt) {

	static final String EXCHANGE = MediaDeleted.EXCHANGE;

	static final String ROUTING_KEY = "media.video-frame-requested";

	static VideoFrameRequested of(long mediaId, String contentType, Long durationMillis, String service,
			String ticket, int attempt) {
		String base = "/internal/media/" + mediaId;
		return new VideoFrameRequested(mediaId, contentType, durationMillis, service, base + "/frame-source",
				base + "/thumbnail", base + "/thumbnail-failure", ticket, attempt);
	}

}
