package com.zviewer.cloud.comments;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

/** The 4xx answers of comments-service, each an RFC 9457 problem. */
final class Problems {

	private Problems() {
	}

	static ResponseStatusException badRequest(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

	static ResponseStatusException notFound(long id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No comment with id " + id);
	}

	static ResponseStatusException forbidden(String detail) {
		return new ResponseStatusException(HttpStatus.FORBIDDEN, detail);
	}

	static ResponseStatusException conflict(String detail) {
		return new ResponseStatusException(HttpStatus.CONFLICT, detail);
	}

	static ResponseStatusException unprocessable(String detail) {
		return new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, detail);
	}

	/** 429 with {@code Retry-After} (whole seconds, at least one) and the limit as properties of the problem. */
	static ErrorResponseException tooManyComments(int limit, Duration window, Duration retryAfter) {
		long seconds = Math.max(1, retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"At most " + limit + " comments in " + readable(window) + ": try again in " + seconds + " s");
		problem.setTitle("Too many comments");
		problem.setProperty("limit", limit);
		problem.setProperty("windowSeconds", window.toSeconds());
		problem.setProperty("retryAfterSeconds", seconds);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

	private static String readable(Duration window) {
		return (window.toSeconds() % 60 == 0) ? window.toMinutes() + " min" : window.toSeconds() + " s";
	}

}
