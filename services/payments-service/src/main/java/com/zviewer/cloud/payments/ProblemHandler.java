package com.zviewer.cloud.payments;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the web layer as an RFC 9457 problem: Spring MVC's own (malformed JSON, wrong types, missing
 * parameters and headers, failed validation, 404, 405, 415, ...) as {@link ResponseEntityExceptionHandler} answers
 * them.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

}
