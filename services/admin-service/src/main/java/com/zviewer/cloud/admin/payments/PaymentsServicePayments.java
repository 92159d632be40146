package com.zviewer.cloud.admin.payments;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.admin.remote.RemoteService;

import static com.zviewer.cloud.admin.remote.RemoteService.bearer;

/**
 * payments-service's API for staff ({@code /api/payments}), called with the administrator's own token; refusals and
 * failures mapped as {@link RemoteService} describes.
 */
@Component
class PaymentsServicePayments {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final ParameterizedTypeReference<RemoteService.Page<PaymentView>> PAGE =
			new ParameterizedTypeReference<>() {
	};

	private final RemoteService paymentsService;

	@Autowired
	PaymentsServicePayments(@LoadBalanced RestClient.Builder loadBalanced) {
		this(loadBalanced, "http://payments-service");
	}

	PaymentsServicePayments(RestClient.Builder loadBalanced, String baseUrl) {
		this.paymentsService = new RemoteService(loadBalanced, baseUrl, "Payments");
	}

	RemoteService.Page<PaymentView> list(Jwt admin, Long userId, PaymentStatus status, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		if (userId != null) {
			params.put("userId", userId);
		}
		if (status != null) {
			params.put("status", status);
		}
		params.put("page", page);
		params.put("size", size);
		return this.paymentsService.call(() -> this.paymentsService.client()
			.get()
			.uri(RemoteService.withQuery("/api/payments", params), params)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.retrieve()
			.body(PAGE));
	}

	/**
	 * Refunds {@code amount} of a payment. payments-service refunds once per idempotency key: the same key again
	 * answers the refund already made.
	 * @return payments-service's answer (201 with the refund, or the same refund again for a known key)
	 */
	ResponseEntity<RefundView> refund(Jwt admin, long paymentId, long amount, String reason, String idempotencyKey) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", amount);
		body.put("reason", reason);
		return this.paymentsService.call(() -> this.paymentsService.client()
			.post()
			.uri("/api/payments/{id}/refunds", paymentId)
			.header(HttpHeaders.AUTHORIZATION, bearer(admin))
			.header(IDEMPOTENCY_KEY, idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(RefundView.class));
	}

}
