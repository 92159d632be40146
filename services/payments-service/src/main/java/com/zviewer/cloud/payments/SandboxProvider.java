package com.zviewer.cloud.payments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.zviewer.cloud.payments.PaymentProvider.ChargeResult.Outcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The built-in payment provider: no external account, deterministic test cards (the numbers Stripe's test mode uses),
 * any future expiry and any CVC. Tokens carry the card's behaviour, never its number; payment and refund ids derive
 * from the idempotency key, so a repeated charge is the same charge. Its webhooks are signed with
 * {@code zviewer.payments.sandbox.webhook-secret}: header {@value #SIGNATURE_HEADER}
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, accepted within
 * {@code zviewer.payments.sandbox.webhook-tolerance} of now.
 */
@Component
class SandboxProvider implements PaymentProvider {

	static final String NAME = "sandbox";

	static final String SIGNATURE_HEADER = "ZViewer-Signature";

	private static final String TOKEN_PREFIX = "sbx_tok_";

	/** Test card numbers and what charging them does. */
	static final Map<String, Behaviour> TEST_CARDS = Map.of("4242424242424242", Behaviour.SUCCEED,
			"5555555555554444", Behaviour.SUCCEED, "378282246310005", Behaviour.SUCCEED, "6011111111111117",
			Behaviour.SUCCEED, "4000000000000002", Behaviour.DECLINE, "4000000000009995", Behaviour.INSUFFICIENT_FUNDS,
			"4000000000000069", Behaviour.EXPIRED_CARD, "4000002500003155", Behaviour.REQUIRE_ACTION);

	private final PaymentsProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	SandboxProvider(PaymentsProperties properties, JsonMapper json, Clock clock) {
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CardToken tokenize(CardDetails card) {
		Behaviour behaviour = TEST_CARDS.get(card.number());
		if (behaviour == null) {
			throw Problems.badRequest("The sandbox takes only its test cards, for example 4242424242424242 "
					+ "(succeeds), 4000000000000002 (declined) or 4000002500003155 (needs a second step)");
		}
		String token = TOKEN_PREFIX + behaviour.code + "_" + UUID.randomUUID().toString().replace("-", "");
		return new CardToken(token, brand(card.number()), card.last4());
	}

	@Override
	public ChargeResult charge(Charge charge) {
		String id = "sbx_pay_" + derivedId(charge.idempotencyKey());
		Behaviour behaviour = behaviour(charge.token());
		return switch (behaviour) {
			case SUCCEED -> new ChargeResult(Outcome.SUCCEEDED, id, null);
			case REQUIRE_ACTION -> charge.offSession()
					? new ChargeResult(Outcome.DECLINED, id, "authentication_required")
					: new ChargeResult(Outcome.REQUIRES_ACTION, id, null);
			default -> new ChargeResult(Outcome.DECLINED, id, behaviour.declineCode);
		};
	}

	@Override
	public ChargeResult confirm(String providerPaymentId) {
		return new ChargeResult(Outcome.SUCCEEDED, providerPaymentId, null);
	}

	@Override
	public void cancel(String providerPaymentId) {
	}

	@Override
	public String refund(String providerPaymentId, int amount, String idempotencyKey) {
		return "sbx_re_" + derivedId(idempotencyKey);
	}

	@Override
	public WebhookEvent verifyWebhook(HttpHeaders headers, byte[] body) {
		String secret = this.properties.getSandbox().getWebhookSecret();
		if (secret == null || secret.isEmpty()) {
			throw Problems.badRequest("No webhook secret is configured, so no webhook can be verified");
		}
		String header = headers.getFirst(SIGNATURE_HEADER);
		if (header == null || header.isBlank()) {
			throw Problems.badRequest("The webhook is not signed: the " + SIGNATURE_HEADER + " header is missing");
		}
		Long timestamp = null;
		List<String> signatures = new ArrayList<>();
		for (String element : header.split(",")) {
			String[] pair = element.strip().split("=", 2);
			if (pair.length == 2 && pair[0].equals("t")) {
				try {
					timestamp = Long.parseLong(pair[1]);
				}
				catch (NumberFormatException ex) {
					throw Problems.badRequest("The timestamp of the " + SIGNATURE_HEADER + " header is not a number");
				}
			}
			else if (pair.length == 2 && pair[0].equals("v1")) {
				signatures.add(pair[1]);
			}
		}
		if (timestamp == null || signatures.isEmpty()) {
			throw Problems.badRequest("The " + SIGNATURE_HEADER + " header needs t=<unix seconds>,v1=<signature>");
		}
		Duration tolerance = this.properties.getSandbox().getWebhookTolerance();
		Duration age = Duration.between(Instant.ofEpochSecond(timestamp), this.clock.instant());
		if (age.abs().compareTo(tolerance) > 0) {
			throw Problems.badRequest("The webhook's signed timestamp is more than " + tolerance.toSeconds()
					+ " seconds from now: too old (or from the future) to be accepted");
		}
		byte[] expected = hmac(secret, timestamp, body);
		boolean valid = false;
		for (String signature : signatures) {
			valid |= MessageDigest.isEqual(expected, parseHex(signature));
		}
		if (!valid) {
			throw Problems.badRequest("The webhook's signature does not match its body");
		}
		SandboxEvent event;
		try {
			event = this.json.readValue(body, SandboxEvent.class);
		}
		catch (JacksonException ex) {
			throw Problems.badRequest("The webhook's body is not a sandbox event");
		}
		if (event.id() == null || event.id().isBlank() || event.id().length() > 200 || event.type() == null
				|| event.type().length() > 50) {
			throw Problems.badRequest("A sandbox event has an id and a type");
		}
		SandboxEvent.Data data = (event.data() != null) ? event.data() : new SandboxEvent.Data(null, null, null, null, null);
		return new WebhookEvent(event.id(), event.type(),
				(event.created() != null) ? Instant.ofEpochSecond(event.created()) : null, data.providerPaymentId(),
				data.refundId(), data.amount(), data.failureReason(), data.reason());
	}

	static byte[] hmac(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static byte[] parseHex(String hex) {
		try {
			return HexFormat.of().parseHex(hex);
		}
		catch (IllegalArgumentException ex) {
			return new byte[0];
		}
	}

	private static Behaviour behaviour(String token) {
		if (token != null && token.startsWith(TOKEN_PREFIX)) {
			String code = token.substring(TOKEN_PREFIX.length(), token.lastIndexOf('_'));
			for (Behaviour behaviour : Behaviour.values()) {
				if (behaviour.code.equals(code)) {
					return behaviour;
				}
			}
		}
		return Behaviour.DECLINE;
	}

	/** A provider id that is the same for the same idempotency key. */
	private static String derivedId(String idempotencyKey) {
		return UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
	}

	/** Card brand from the number's prefix. */
	static String brand(String number) {
		if (number.startsWith("4")) {
			return "VISA";
		}
		if (number.matches("5[1-5].*|2[2-7].*")) {
			return "MASTERCARD";
		}
		if (number.matches("3[47].*")) {
			return "AMEX";
		}
		if (number.matches("6011.*|65.*|64[4-9].*")) {
			return "DISCOVER";
		}
		return "UNKNOWN";
	}

	/** What charging a test card does. */
	enum Behaviour {

		SUCCEED("ok", null), DECLINE("declined", "card_declined"),
		INSUFFICIENT_FUNDS("insufficient", "insufficient_funds"), EXPIRED_CARD("expired", "expired_card"),
		REQUIRE_ACTION("action", null);

		final String code;

		final String declineCode;

		Behaviour(String code, String declineCode) {
			this.code = code;
			this.declineCode = declineCode;
		}

	}

	/**
	 * A sandbox webhook body: {@code {"id":"evt_1","type":"payment.succeeded","created":1764000000,
	 * "data":{"providerPaymentId":"sbx_pay_...","refundId":"sbx_re_...","amount":500,"failureReason":"...",
	 * "reason":"..."}}}.
	 */
	record SandboxEvent(String id, String type, Long created, Data data) {

		record Data(String providerPaymentId, String refundId, Integer amount, String failureReason, String reason) {
		}

	}

}
