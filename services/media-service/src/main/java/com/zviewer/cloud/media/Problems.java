package com.zviewer.cloud.media;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

/** The 4xx answers of media-service, each an RFC 9457 problem. */
final class Problems {

	private Problems() {
	}

	static ResponseStatusException badRequest(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

	static ResponseStatusException notFound(String what, Object id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what + " with id " + id);
	}

	static ResponseStatusException conflict(String detail) {
		return new ResponseStatusException(HttpStatus.CONFLICT, detail);
	}

	static ResponseStatusException forbidden(String detail) {
		return new ResponseStatusException(HttpStatus.FORBIDDEN, detail);
	}

	static ResponseStatusException unsupportedType() {
		return new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"The file is not a JPEG, PNG, WebP or GIF image nor an MP4 or WebM video");
	}

	static ResponseStatusException tooLarge(String what, long limit) {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				what + " is larger than the limit of " + readable(limit));
	}

	/**
	 * 413 as well: the request is refused for its size, as with the size limits, and sending it again unchanged will
	 * not help (a 409 would suggest a state of the resource the client could resolve, a 507 a lack of space on the
	 * server). The title and the properties tell it apart from a size limit.
	 */
	static ErrorResponseException quotaExceeded(long used, long size, long quota) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"Storage quota exceeded: " + readable(used) + " of " + readable(quota) + " used, " + readable(size)
						+ " more do not fit");
		problem.setTitle("Storage quota exceeded");
		problem.setProperty("quotaBytes", quota);
		problem.setProperty("usedBytes", used);
		problem.setProperty("requestedBytes", size);
		return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
	}

	/** 500 MB, 1 GB, 10 kB or 1234 bytes: the way sizes are written in the settings. */
	static String readable(long bytes) {
		long megabyte = DataSize.ofMegabytes(1).toBytes();
		long gigabyte = DataSize.ofGigabytes(1).toBytes();
		long kilobyte = DataSize.ofKilobytes(1).toBytes();
		if (bytes >= gigabyte && bytes % gigabyte == 0) {
			return bytes / gigabyte + " GB";
		}
		if (bytes >= megabyte && bytes % megabyte == 0) {
			return bytes / megabyte + " MB";
		}
		if (bytes >= kilobyte && bytes % kilobyte == 0) {
			return bytes / kilobyte + " kB";
		}
		return bytes + " bytes";
	}

}
