package com.zviewer.cloud.media;

import com.zviewer.cloud.media.MediaStorage.IncompleteAppendException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the web layer as an RFC 9457 problem: Spring MVC's own (malformed JSON, wrong types, missing
 * parameters, 404, 405, 415, ...) as {@link ResponseEntityExceptionHandler} answers them, a multipart upload over the
 * servlet container's limits as 413, a malformed multipart body as 400, and a resumable upload's part cut short as
 * 400.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The upload is larger than the largest file accepted");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
	}

	/**
	 * A part of a resumable upload whose connection broke: what arrived is kept. The client is usually gone; if not,
	 * it learns where to resume.
	 */
	@ExceptionHandler(IncompleteAppendException.class)
	ResponseEntity<Object> handleIncompleteAppend(IncompleteAppendException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body ended before the end of its Content-Range; " + ex.appended()
						+ " bytes of it were kept: ask the upload's progress and resume from there");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> handleMultipartException(MultipartException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request is not a well-formed multipart/form-data body");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

}
