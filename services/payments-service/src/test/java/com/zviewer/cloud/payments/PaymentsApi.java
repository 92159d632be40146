package com.zviewer.cloud.payments;

import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.zviewer.cloud.test.TestHttp;
import com.zviewer.cloud.test.TestJwts;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The payments API as a client uses it, with an access token per user; every error comes back as a response. */
final class PaymentsApi {

	static final String WEBHOOK_SECRET = "test-webhook-secret";

	static final String SUCCEEDS = "4242424242424242";

	static final String DECLINED = "4000000000000002";

	static final String INSUFFICIENT_FUNDS = "4000000000009995";

	static final String SECOND_STEP = "4000002500003155";

	static final int EXP_YEAR = Year.now().getValue() + 3;

	private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

	final RestClient http;

	PaymentsApi(int port) {
		this.http = TestHttp.localhost(port);
	}

	/** A user id no other test uses. */
	static long newUser() {
		return USERS.incrementAndGet();
	}

	static String user(long id) {
		return TestJwts.bearer(id, "USER");
	}

	static String moderator() {
		return TestJwts.bearer(newUser(), "USER", "MODERATOR");
	}

	static String admin() {
		return TestJwts.bearer(newUser(), "USER", "ADMIN");
	}

	static String card(String number) {
		return "{\"number\":\"" + number + "\",\"expMonth\":12,\"expYear\":" + EXP_YEAR + ",\"cvc\":\"123\"}";
	}

	static String payment(int amount, String currency, String card) {
		return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"description\":\"Premium item\","
				+ "\"card\":" + card + "}";
	}

	static String key() {
		return UUID.randomUUID().toString();
	}

	ResponseEntity<Map<String, Object>> send(HttpMethod method, String token, String uri, String json,
			HttpHeaders headers) {
		RestClient.RequestBodySpec request = this.http.method(method).uri(uri);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		if (headers != null) {
			request = request.headers((h) -> h.addAll(headers));
		}
		if (json != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.retrieve().toEntity(JSON);
	}

	ResponseEntity<Map<String, Object>> get(String token, String uri) {
		return send(HttpMethod.GET, token, uri, null, null);
	}

	ResponseEntity<List<Map<String, Object>>> getList(String token, String uri) {
		RestClient.RequestHeadersSpec<?> request = this.http.get().uri(uri);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, token);
		}
		return request.retrieve().toEntity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
		});
	}

	ResponseEntity<Map<String, Object>> post(String token, String uri, String json) {
		return send(HttpMethod.POST, token, uri, json, null);
	}

	/** POST with an Idempotency-Key (none if null). */
	ResponseEntity<Map<String, Object>> post(String token, String uri, String json, String key) {
		HttpHeaders headers = new HttpHeaders();
		if (key != null) {
			headers.set("Idempotency-Key", key);
		}
		return send(HttpMethod.POST, token, uri, json, headers);
	}

	ResponseEntity<Map<String, Object>> pay(String token, String json, String key) {
		return post(token, "/api/payments", json, key);
	}

	/** Pays with a new key and checks a payment was made; its JSON. */
	Map<String, Object> paid(String token, int amount, String currency, String number) {
		ResponseEntity<Map<String, Object>> response = pay(token, payment(amount, currency, card(number)), key());
		assertThat(response.getStatusCode()).as("payment: %s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	ResponseEntity<Map<String, Object>> refund(String token, Object paymentId, int amount, String key) {
		return post(token, "/api/payments/" + paymentId + "/refunds",
				"{\"amount\":" + amount + ",\"reason\":\"Goodwill\"}", key);
	}

	/** Saves a card and checks it worked; the method's JSON. */
	Map<String, Object> savedMethod(String token, String number) {
		ResponseEntity<Map<String, Object>> response = post(token, "/api/payments/methods", card(number));
		assertThat(response.getStatusCode()).as("method: %s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	/** Sends a webhook with the body signed at the given unix time with the given secret. */
	ResponseEntity<Map<String, Object>> webhook(String body, String signature) {
		HttpHeaders headers = new HttpHeaders();
		if (signature != null) {
			headers.set("ZViewer-Signature", signature);
		}
		return send(HttpMethod.POST, null, "/api/payments/webhooks/sandbox", body, headers);
	}

	/** {@code t=...,v1=...} as the sandbox signs, computed here independently of the service's code. */
	static String sign(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long id(Map<String, Object> json) {
		return ((Number) json.get("id")).longValue();
	}

}
