package com.zviewer.cloud.comments;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the web layer as an RFC 9457 problem: Spring MVC's own (malformed JSON, wrong types, missing or
 * invalid parameters, 404, 405, 415, ...) as {@link ResponseEntityExceptionHandler} answers them, with the headers an
 * {@link org.springframework.web.ErrorResponse} carries (Retry-After of a 429).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

}
