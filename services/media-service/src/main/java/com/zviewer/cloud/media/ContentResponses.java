package com.zviewer.cloud.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * Answers for the bytes of a file, streamed from storage and never buffered: Content-Type, a strong ETag from the
 * content's SHA-256, Last-Modified, and Spring MVC's handling of a {@link Resource} body for the rest: conditional
 * requests (304, 412) and Range requests (206, several ranges as multipart/byteranges). Added here: {@code If-Range}
 * (a Range whose validator no longer matches gets the whole file), a 416 that is a problem like every other 4xx
 * (Spring MVC answers an unsatisfiable range with an empty 416), and HEAD without reading the file.
 */
final class ContentResponses {

	private ContentResponses() {
	}

	static ResponseEntity<Resource> of(HttpMethod method, HttpHeaders request, Resource resource, String contentType,
			String sha256, Instant lastModified, String filename, CacheControl cacheControl) throws IOException {
		String etag = "\"" + sha256 + "\"";
		long length = resource.contentLength();
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(contentType))
			.eTag(etag)
			.lastModified(lastModified)
			.cacheControl(cacheControl)
			.header(HttpHeaders.ACCEPT_RANGES, "bytes");
		if (filename != null) {
			answer.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(filename, StandardCharsets.UTF_8).build().toString());
		}
		if (HttpMethod.HEAD.equals(method)) {
			return answer.contentLength(length).build();
		}
		String range = request.getFirst(HttpHeaders.RANGE);
		if (range != null) {
			if (!ifRangeMatches(request.getFirst(HttpHeaders.IF_RANGE), etag, lastModified)) {
				// A body Spring MVC does not treat as ranged: the whole, current file.
				return answer.contentLength(length).body(new InputStreamResource(resource::getInputStream));
			}
			checkSatisfiable(range, resource, length);
		}
		return answer.body(resource);
	}

	/** RFC 9110 13.1.5: a strong ETag that matches exactly, or the exact Last-Modified date. */
	private static boolean ifRangeMatches(String ifRange, String etag, Instant lastModified) {
		if (ifRange == null) {
			return true;
		}
		String value = ifRange.strip();
		if (value.startsWith("\"") || value.startsWith("W/")) {
			return value.equals(etag);
		}
		try {
			Instant date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return date.equals(lastModified.truncatedTo(ChronoUnit.SECONDS));
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private static void checkSatisfiable(String range, Resource resource, long length) {
		try {
			List<HttpRange> ranges = HttpRange.parseRanges(range);
			HttpRange.toResourceRegions(ranges, resource);
		}
		catch (IllegalArgumentException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
					"The range '" + range + "' is not within the " + length + " bytes of the file");
			ErrorResponseException unsatisfiable = new ErrorResponseException(
					HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, problem, null);
			unsatisfiable.getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
			throw unsatisfiable;
		}
	}

}
