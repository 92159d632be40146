package com.zviewer.cloud.payments;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

/** The 4xx answers of payments-service, each an RFC 9457 problem. */
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

	static ResponseStatusException unprocessable(String detail) {
		return new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, detail);
	}

	/** 402: the provider declined the charge; the properties say which payment recorded it and why. */
	static ErrorResponseException paymentDeclined(String detail, Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, detail);
		problem.setTitle("Payment declined");
		properties.forEach(problem::setProperty);
		return new ErrorResponseException(HttpStatus.PAYMENT_REQUIRED, problem, null);
	}

}
