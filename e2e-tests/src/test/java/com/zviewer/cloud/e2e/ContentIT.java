package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.CONFIG_REPO;
import static com.zviewer.cloud.e2e.ZViewerStack.ENV;
import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY;
import static com.zviewer.cloud.e2e.ZViewerStack.awaitAssertion;
import static com.zviewer.cloud.e2e.ZViewerStack.bearer;
import static com.zviewer.cloud.e2e.ZViewerStack.eventually;
import static com.zviewer.cloud.e2e.ZViewerStack.get;
import static com.zviewer.cloud.e2e.ZViewerStack.json;
import static com.zviewer.cloud.e2e.ZViewerStack.multipart;
import static com.zviewer.cloud.e2e.ZViewerStack.png;
import static com.zviewer.cloud.e2e.ZViewerStack.post;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comments, payments and administration through the gateway: threads of comments on a moderated image, the rate
 * limit, bad comments, idempotent payments and refunds, the sandbox provider's signed webhooks, an administrator's
 * bans, moderation and deletions with their audit trail, and the comments of a deleted media item. Each test makes
 * its own users and data.
 */
@Order(5)
@ExtendWith(ZViewerStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentIT {

	private static final String PROBLEM_JSON = "application/problem+json";

	/** A media id no test creates. */
	private static final long UNKNOWN_MEDIA = 987654321L;

	/** The sandbox's test cards (see services/payments-service/README.md). */
	private static final String SUCCEEDING_CARD = "4242424242424242";

	private static final String DECLINED_CARD = "4000000000000002";

	private static final String SECOND_STEP_CARD = "4000002500003155";

	/**
	 * The gateway fetches the registry every 2 s: when this class runs on its own, right after the system became
	 * healthy, the services it uses may not be routed yet.
	 */
	@Test
	@Order(1)
	void commentThreadsOnAnApprovedImage() {
		Session owner = Session.newUser("owner");
		Session commenter = Session.newUser("commenter");
		Session admin = Session.admin();
		long media = upload(owner, "Lighthouse", 11);
		assertThat((String) JsonPath.read(send(bearer(get(GATEWAY + "/api/media/" + media), owner.access())).body(),
				"$.status")).isEqualTo("PENDING");

		// Pending: the commenter cannot see the image at media-service, so cannot comment on it yet.
		assertProblem(comment(commenter, media, "Too early"), 422);
		HttpResponse<String> approved = approve(admin, media);
		assertThat((String) JsonPath.read(approved.body(), "$.status")).isEqualTo("APPROVED");

		// The commenter writes three comments; the owner replies twice to the first, in both ways.
		HttpResponse<String> first = comment(commenter, media, "Lovely light");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		long c1 = id(first);
		assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/api/comments/" + c1);
		assertThat(number(first.body(), "$.mediaId")).isEqualTo(media);
		assertThat((Object) JsonPath.read(first.body(), "$.parentId")).isNull();
		assertThat((String) JsonPath.read(first.body(), "$.authorId")).isEqualTo(String.valueOf(commenter.userId()));
		assertThat((String) JsonPath.read(first.body(), "$.authorName")).isEqualTo("commenter");
		assertThat((String) JsonPath.read(first.body(), "$.text")).isEqualTo("Lovely light");
		assertThat((String) JsonPath.read(first.body(), "$.status")).isEqualTo("VISIBLE");
		assertThat(number(first.body(), "$.replyCount")).isZero();
		assertThat((Boolean) JsonPath.read(first.body(), "$.edited")).isFalse();
		long c2 = id(created(comment(commenter, media, "Where was this taken?")));
		long c3 = id(created(comment(commenter, media, "The colours are great")));
		HttpResponse<String> reply = send(bearer(post(GATEWAY + "/api/comments/" + c1 + "/replies",
				"{\"text\":\"Thank you!\"}"), owner.access()));
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
		long r1 = id(reply);
		assertThat(number(reply.body(), "$.parentId")).isEqualTo(c1);
		assertThat(number(reply.body(), "$.mediaId")).isEqualTo(media);
		assertThat((String) JsonPath.read(reply.body(), "$.authorId")).isEqualTo(String.valueOf(owner.userId()));
		long r2 = id(created(send(bearer(post(GATEWAY + "/api/comments",
				"{\"mediaId\":" + media + ",\"parentId\":" + c1 + ",\"text\":\"Taken at dawn\"}"), owner.access()))));

		// Top-level comments, newest first by default, two a page; anyone may read them.
		String list = GATEWAY + "/api/comments?mediaId=" + media;
		HttpResponse<String> page0 = send(get(list + "&size=2"));
		assertThat(page0.statusCode()).as(page0.body()).isEqualTo(200);
		assertThat(number(page0.body(), "$.page.totalElements")).isEqualTo(3);
		assertThat(number(page0.body(), "$.page.totalPages")).isEqualTo(2);
		assertThat(ids(page0.body(), "$.content[*].id")).containsExactly(c3, c2);
		HttpResponse<String> page1 = send(get(list + "&size=2&page=1"));
		assertThat(ids(page1.body(), "$.content[*].id")).containsExactly(c1);
		assertThat(number(page1.body(), "$.content[0].replyCount")).isEqualTo(2);
		assertThat(ids(send(get(list + "&sort=id,asc")).body(), "$.content[*].id")).containsExactly(c1, c2, c3);

		// The replies of the first comment, oldest first.
		HttpResponse<String> replies = send(get(GATEWAY + "/api/comments/" + c1 + "/replies"));
		assertThat(replies.statusCode()).isEqualTo(200);
		assertThat(number(replies.body(), "$.page.totalElements")).isEqualTo(2);
		assertThat(ids(replies.body(), "$.content[*].id")).containsExactly(r1, r2);
		assertThat(ids(send(get(GATEWAY + "/api/comments/" + c1 + "/replies?size=1&page=1")).body(),
				"$.content[*].id")).containsExactly(r2);
		assertThat(count(media)).isEqualTo(5);

		// Its author edits a comment; anyone else is refused and changes nothing.
		HttpResponse<String> edited = send(bearer(json("PATCH", GATEWAY + "/api/comments/" + c3,
				"{\"text\":\"The colours are superb\"}"), commenter.access()));
		assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
		assertThat((Boolean) JsonPath.read(edited.body(), "$.edited")).isTrue();
		assertThat((String) JsonPath.read(edited.body(), "$.text")).isEqualTo("The colours are superb");
		assertProblem(send(bearer(json("PATCH", GATEWAY + "/api/comments/" + c3, "{\"text\":\"Hijacked\"}"),
				owner.access())), 403);
		assertProblem(send(json("PATCH", GATEWAY + "/api/comments/" + c3, "{\"text\":\"Anonymous\"}")), 401);
		HttpResponse<String> afterEdits = send(get(GATEWAY + "/api/comments/" + c3));
		assertThat((String) JsonPath.read(afterEdits.body(), "$.text")).isEqualTo("The colours are superb");
		assertThat((Boolean) JsonPath.read(afterEdits.body(), "$.edited")).isTrue();
		assertThat((Boolean) JsonPath.read(send(get(GATEWAY + "/api/comments/" + c2)).body(), "$.edited")).isFalse();

		// Soft deletion: only by its author (or staff); a repeat is 204 too.
		assertProblem(send(bearer(get(GATEWAY + "/api/comments/" + c2).DELETE(), owner.access())), 403);
		assertThat(send(bearer(get(GATEWAY + "/api/comments/" + c2).DELETE(), commenter.access())).statusCode())
			.isEqualTo(204);
		assertThat(send(bearer(get(GATEWAY + "/api/comments/" + c2).DELETE(), commenter.access())).statusCode())
			.isEqualTo(204);
		assertProblem(send(get(GATEWAY + "/api/comments/" + c2)), 404);
		assertThat(ids(send(get(list)).body(), "$.content[*].id")).containsExactly(c3, c1);

		// A deleted comment with replies stays in its thread as a tombstone, without text, taking no more replies.
		assertThat(send(bearer(get(GATEWAY + "/api/comments/" + c1).DELETE(), commenter.access())).statusCode())
			.isEqualTo(204);
		HttpResponse<String> tombstone = send(get(GATEWAY + "/api/comments/" + c1));
		assertThat(tombstone.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(tombstone.body(), "$.status")).isEqualTo("DELETED");
		assertThat((Object) JsonPath.read(tombstone.body(), "$.text")).isNull();
		assertThat(number(tombstone.body(), "$.replyCount")).isEqualTo(2);
		assertProblem(send(bearer(post(GATEWAY + "/api/comments/" + c1 + "/replies", "{\"text\":\"Still there?\"}"),
				owner.access())), 409);
		assertProblem(send(bearer(json("PATCH", GATEWAY + "/api/comments/" + c1, "{\"text\":\"Back\"}"),
				commenter.access())), 409);
		HttpResponse<String> remaining = send(get(list));
		assertThat(number(remaining.body(), "$.page.totalElements")).isEqualTo(2);
		assertThat(ids(remaining.body(), "$.content[*].id")).containsExactly(c3, c1);
		assertThat(number(send(get(GATEWAY + "/api/comments/" + c1 + "/replies")).body(), "$.page.totalElements"))
			.isEqualTo(2);

		// Counts: VISIBLE comments, replies included, per media item (an unknown item has none).
		HttpResponse<String> counts = send(get(GATEWAY + "/api/comments/counts?mediaId=" + media + "&mediaId="
				+ UNKNOWN_MEDIA));
		assertThat(counts.statusCode()).isEqualTo(200);
		assertThat(number(counts.body(), "$['" + media + "']")).isEqualTo(3);
		assertThat(number(counts.body(), "$['" + UNKNOWN_MEDIA + "']")).isZero();
		HttpResponse<String> byUser = send(get(GATEWAY + "/api/comments/counts/users/" + commenter.userId()));
		assertThat(number(byUser.body(), "$.count")).isEqualTo(1);
		assertThat(number(send(get(GATEWAY + "/api/comments/counts/users/" + owner.userId())).body(), "$.count"))
			.isEqualTo(2);
	}

	@Test
	@Order(2)
	void theRateLimitRefusesTheCommentBeyondItAndStoresNothing() {
		int limit = configuredRateLimit();
		Session writer = Session.newUser("chatty");
		// The owner sees and may comment on its own pending item.
		long media = upload(writer, "Chatter", 21);
		List<Long> written = new java.util.ArrayList<>();
		HttpResponse<String> refused = null;
		for (int attempt = 0; attempt < limit + 5 && refused == null; attempt++) {
			HttpResponse<String> response = comment(writer, media, "Comment number " + (attempt + 1));
			if (response.statusCode() == 429) {
				refused = response;
			}
			else {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
				written.add(id(response));
			}
		}
		assertThat(refused).as("no 429 within " + (limit + 5) + " comments").isNotNull();
		assertThat(written).hasSize(limit);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		long windowSeconds = number(refused.body(), "$.windowSeconds");
		assertThat(number(refused.body(), "$.status")).isEqualTo(429);
		assertThat(number(refused.body(), "$.limit")).isEqualTo(limit);
		assertThat(windowSeconds).isPositive();
		assertThat(retryAfter).isBetween(1L, windowSeconds);
		assertThat(number(refused.body(), "$.retryAfterSeconds")).isEqualTo(retryAfter);

		// Replies count too; nothing refused was stored.
		assertProblem(send(bearer(post(GATEWAY + "/api/comments/" + written.get(0) + "/replies",
				"{\"text\":\"One more\"}"), writer.access())), 429);
		assertThat(count(media)).isEqualTo(limit);
		assertThat(number(send(get(GATEWAY + "/api/comments?mediaId=" + media)).body(), "$.page.totalElements"))
			.isEqualTo(limit);
		assertThat(number(send(get(GATEWAY + "/api/comments/" + written.get(0))).body(), "$.replyCount")).isZero();
		assertThat(number(send(get(GATEWAY + "/api/comments/counts/users/" + writer.userId())).body(), "$.count"))
			.isEqualTo(limit);

		// The limit is per user: someone else still comments.
		Session other = Session.newUser("quiet");
		long otherMedia = upload(other, "Quiet", 22);
		assertThat(comment(other, otherMedia, "Just one").statusCode()).isEqualTo(201);
	}

	@Test
	@Order(3)
	void refusesMarkupUnknownMediaAnonymousAndBadRequestsWithProblems() {
		Session author = Session.newUser("careless");
		long media = upload(author, "Careless", 31);
		String comments = GATEWAY + "/api/comments";
		String item = "\"mediaId\":" + media;
		Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
		answers.put("400 an HTML element", comment(author, media, "<b>bold</b> words"));
		answers.put("400 a script", comment(author, media, "<script>alert(1)</script>"));
		answers.put("400 a character reference", comment(author, media, "a &lt; b"));
		answers.put("400 an HTML comment", comment(author, media, "hidden <!-- here -->"));
		answers.put("422 a media item that does not exist", comment(author, UNKNOWN_MEDIA, "Hello?"));
		answers.put("422 a parent that does not exist", send(bearer(post(comments,
				"{" + item + ",\"parentId\":" + UNKNOWN_MEDIA + ",\"text\":\"Reply\"}"), author.access())));
		answers.put("401 anonymous", send(post(comments, "{" + item + ",\"text\":\"Anonymous\"}")));
		answers.put("401 forged token", send(bearer(post(comments, "{" + item + ",\"text\":\"Forged\"}"),
				"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")));
		answers.put("400 malformed JSON", send(bearer(post(comments, "{" + item + ",\"text\":"), author.access())));
		answers.put("400 mediaId not a number", send(bearer(post(comments,
				"{\"mediaId\":\"abc\",\"text\":\"Typed\"}"), author.access())));
		answers.put("400 text not a string", send(bearer(post(comments, "{" + item + ",\"text\":42}"),
				author.access())));
		answers.put("400 text missing", send(bearer(post(comments, "{" + item + "}"), author.access())));
		answers.put("400 mediaId missing", send(bearer(post(comments, "{\"text\":\"Where?\"}"), author.access())));
		answers.put("400 mediaId not positive", send(bearer(post(comments, "{\"mediaId\":-1,\"text\":\"Negative\"}"),
				author.access())));
		answers.put("400 text too long", comment(author, media, "x".repeat(1001)));
		answers.put("400 text blank", comment(author, media, "   "));
		answers.put("400 control character", comment(author, media, "bell \\u0007"));
		answers.put("415 not JSON", send(bearer(get(comments).header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("Plain")), author.access())));
		answers.put("400 listing without mediaId", send(get(comments)));
		answers.put("400 listing page too large", send(get(comments + "?mediaId=" + media + "&size=101")));
		answers.put("400 listing by unknown sort", send(get(comments + "?mediaId=" + media + "&sort=authorId")));
		answers.put("400 id not a number", send(get(comments + "/abc")));
		answers.put("404 unknown comment", send(get(comments + "/" + UNKNOWN_MEDIA)));
		answers.put("404 editing an unknown comment", send(bearer(json("PATCH", comments + "/" + UNKNOWN_MEDIA,
				"{\"text\":\"Nothing\"}"), author.access())));
		answers.forEach((what, response) -> assertProblem(what, response, Integer.parseInt(what.substring(0, 3))));

		// Plain text that merely looks like markup is fine, stored as typed; nothing refused was stored.
		HttpResponse<String> plain = comment(author, media, "a < b, and <3");
		assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
		assertThat((String) JsonPath.read(plain.body(), "$.text")).isEqualTo("a < b, and <3");
		HttpResponse<String> longest = comment(author, media, "y".repeat(1000));
		assertThat(longest.statusCode()).as("exactly max-length").isEqualTo(201);
		assertThat(count(media)).isEqualTo(2);
		assertThat(number(send(get(comments + "?mediaId=" + media)).body(), "$.page.totalElements")).isEqualTo(2);
		assertThat(count(UNKNOWN_MEDIA)).isZero();
	}

	@Test
	@Order(4)
	void idempotentPaymentsDeclinesAndRefundsByAnAdministrator() {
		Session buyer = Session.newUser("buyer");
		Session admin = Session.admin();
		String key = "e2e-" + UUID.randomUUID();
		String request = paymentRequest(1999, "Harbour print", SUCCEEDING_CARD);
		HttpResponse<String> paid = pay(buyer, key, request);
		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
		long payment = id(paid);
		assertThat(paid.headers().firstValue("Location").orElseThrow()).endsWith("/api/payments/" + payment);
		assertThat((String) JsonPath.read(paid.body(), "$.status")).isEqualTo("COMPLETED");
		assertThat((String) JsonPath.read(paid.body(), "$.userId")).isEqualTo(String.valueOf(buyer.userId()));
		assertThat(number(paid.body(), "$.amount")).isEqualTo(1999);
		assertThat((String) JsonPath.read(paid.body(), "$.currency")).isEqualTo("USD");
		assertThat(number(paid.body(), "$.refundedAmount")).isZero();
		assertThat((Object) JsonPath.read(paid.body(), "$.failureReason")).isNull();
		assertThat(paid.headers().firstValue("Idempotent-Replayed")).isEmpty();

		// The same request with the same key is answered again and charges nothing; another body with it is 422.
		HttpResponse<String> repeated = pay(buyer, key, request);
		assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(201);
		assertThat(id(repeated)).isEqualTo(payment);
		assertThat((String) JsonPath.read(repeated.body(), "$.status")).isEqualTo("COMPLETED");
		assertThat(repeated.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertProblem(pay(buyer, key, paymentRequest(2999, "Harbour print", SUCCEEDING_CARD)), 422);
		HttpResponse<String> mine = send(bearer(get(GATEWAY + "/api/payments"), buyer.access()));
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(number(mine.body(), "$.page.totalElements")).isEqualTo(1);
		assertThat(ids(mine.body(), "$.content[*].id")).containsExactly(payment);

		// Declined: recorded as FAILED, with the reason.
		HttpResponse<String> declined = pay(buyer, "e2e-" + UUID.randomUUID(),
				paymentRequest(1999, "Declined print", DECLINED_CARD));
		assertThat(declined.statusCode()).as(declined.body()).isEqualTo(201);
		assertThat((String) JsonPath.read(declined.body(), "$.status")).isEqualTo("FAILED");
		assertThat((String) JsonPath.read(declined.body(), "$.failureReason")).isEqualTo("card_declined");
		long failed = id(declined);

		// Refused requests, each a problem that leaves nothing behind.
		assertProblem("400 no Idempotency-Key", send(bearer(post(GATEWAY + "/api/payments", request),
				buyer.access())), 400);
		assertProblem("400 amount under 50", pay(buyer, "e2e-" + UUID.randomUUID(),
				paymentRequest(49, "Too cheap", SUCCEEDING_CARD)), 400);
		assertProblem("400 not a test card", pay(buyer, "e2e-" + UUID.randomUUID(),
				paymentRequest(1999, "Real card", "4111111111111111")), 400);
		assertProblem("401 anonymous", send(post(GATEWAY + "/api/payments", request)
			.header("Idempotency-Key", "e2e-" + UUID.randomUUID())), 401);
		assertProblem("403 a user refunding", send(bearer(post(GATEWAY + "/api/payments/" + payment + "/refunds",
				"{\"amount\":500,\"reason\":\"Mine\"}")
			.header("Idempotency-Key", "e2e-" + UUID.randomUUID()), buyer.access())), 403);
		assertProblem("403 a user refunding through admin-service", send(bearer(post(
				GATEWAY + "/api/admin/payments/" + payment + "/refunds", "{\"amount\":500,\"reason\":\"Mine\"}"),
				buyer.access())), 403);
		assertProblem("404 someone else's payment", send(bearer(get(GATEWAY + "/api/payments/" + payment),
				Session.newUser("nosy").access())), 404);
		HttpResponse<String> all = send(bearer(get(GATEWAY + "/api/payments"), buyer.access()));
		assertThat(number(all.body(), "$.page.totalElements")).isEqualTo(2);
		assertThat(ids(all.body(), "$.content[*].id")).containsExactly(failed, payment);
		assertThat(ids(send(bearer(get(GATEWAY + "/api/payments?status=COMPLETED"), buyer.access())).body(),
				"$.content[*].id")).containsExactly(payment);
		assertThat(payment(buyer, payment)).containsEntry("status", "COMPLETED").containsEntry("refundedAmount", 0);

		// An administrator refunds part (a retry with the same key is the same refund), then the rest.
		String refunds = GATEWAY + "/api/admin/payments/" + payment + "/refunds";
		String refundKey = "e2e-refund-" + UUID.randomUUID();
		HttpResponse<String> part = eventually(Duration.ofSeconds(30), () -> {
			HttpResponse<String> response = send(bearer(post(refunds, "{\"amount\":500,\"reason\":\"Late delivery\"}")
				.header("Idempotency-Key", refundKey), admin.access()));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			return response;
		});
		long firstRefund = id(part);
		assertThat(number(part.body(), "$.paymentId")).isEqualTo(payment);
		assertThat(number(part.body(), "$.amount")).isEqualTo(500);
		assertThat((String) JsonPath.read(part.body(), "$.reason")).isEqualTo("Late delivery");
		HttpResponse<String> retried = send(bearer(post(refunds, "{\"amount\":500,\"reason\":\"Late delivery\"}")
			.header("Idempotency-Key", refundKey), admin.access()));
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
		assertThat(id(retried)).isEqualTo(firstRefund);
		assertThat(payment(buyer, payment)).containsEntry("status", "COMPLETED").containsEntry("refundedAmount", 500);
		assertProblem("409 more than is left", send(bearer(post(refunds, "{\"amount\":1500,\"reason\":\"Too much\"}"),
				admin.access())), 409);
		assertThat(payment(buyer, payment)).containsEntry("refundedAmount", 500);
		HttpResponse<String> rest = send(bearer(post(refunds, "{\"amount\":1499,\"reason\":\"Goodwill\"}"),
				admin.access()));
		assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
		assertThat(payment(buyer, payment)).containsEntry("status", "REFUNDED").containsEntry("refundedAmount", 1999);
		assertProblem("409 nothing left", send(bearer(post(refunds, "{\"amount\":1,\"reason\":\"Once more\"}"),
				admin.access())), 409);
		assertProblem("409 a failed payment", send(bearer(post(GATEWAY + "/api/admin/payments/" + failed + "/refunds",
				"{\"amount\":1,\"reason\":\"Nothing was paid\"}"), admin.access())), 409);
		HttpResponse<String> made = send(bearer(get(GATEWAY + "/api/payments/" + payment + "/refunds"),
				buyer.access()));
		assertThat(made.statusCode()).isEqualTo(200);
		assertThat(ids(made.body(), "$[*].amount")).containsExactly(500L, 1499L);

		// Audited once per refund, with the administrator as actor; refusals are not.
		String audit = audit(admin, "payment:" + payment);
		assertThat(number(audit, "$.page.totalElements")).isEqualTo(2);
		assertThat((List<String>) JsonPath.read(audit, "$.content[*].action")).containsOnly("payment.refunded");
		assertThat((List<String>) JsonPath.read(audit, "$.content[*].actor")).containsOnly(actor(admin));
		assertThat(ids(audit, "$.content[*].details.amount")).containsExactly(1499L, 500L);
		assertThat(number(audit(admin, "payment:" + failed), "$.page.totalElements")).isZero();
	}

	@Test
	@Order(5)
	void signedSandboxWebhooksApplyOnceAndForgedOnesChangeNothing() {
		String secret = webhookSecret();
		Session buyer = Session.newUser("webhooked");
		String key = "e2e-" + UUID.randomUUID();
		HttpResponse<String> pending = pay(buyer, key, paymentRequest(2500, "Needs a second step", SECOND_STEP_CARD));
		assertThat(pending.statusCode()).as(pending.body()).isEqualTo(201);
		assertThat((String) JsonPath.read(pending.body(), "$.status")).isEqualTo("REQUIRES_ACTION");
		long payment = id(pending);
		String providerPaymentId = sandboxPaymentId(buyer, key);
		String eventId = "evt_e2e_" + UUID.randomUUID().toString().replace("-", "");
		String succeeded = "{\"id\":\"" + eventId + "\",\"type\":\"payment.succeeded\",\"created\":"
				+ Instant.now().getEpochSecond() + ",\"data\":{\"providerPaymentId\":\"" + providerPaymentId + "\"}}";
		long now = Instant.now().getEpochSecond();

		// Forged, unsigned, stale or tampered: 400, and the event is neither applied nor recorded.
		Map<String, HttpResponse<String>> refused = new LinkedHashMap<>();
		refused.put("another secret", webhook(succeeded, signature("not-" + secret, now, succeeded)));
		refused.put("a signature that is not hex", webhook(succeeded, "t=" + now + ",v1=forged"));
		refused.put("no signature", send(post(GATEWAY + "/api/payments/webhooks/sandbox", succeeded)));
		refused.put("signed an hour ago", webhook(succeeded, signature(secret, now - 3600, succeeded)));
		refused.put("another body", webhook(succeeded.replace("payment.succeeded", "payment.failed"),
				signature(secret, now, succeeded)));
		refused.forEach((what, response) -> assertProblem("400 " + what, response, 400));
		assertThat(payment(buyer, payment)).containsEntry("status", "REQUIRES_ACTION");

		// Correctly signed: applied once; a replay is a duplicate that changes nothing.
		HttpResponse<String> applied = webhook(succeeded, signature(secret, now, succeeded));
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
		assertThat((String) JsonPath.read(applied.body(), "$.eventId")).isEqualTo(eventId);
		assertThat((String) JsonPath.read(applied.body(), "$.outcome")).isEqualTo("PROCESSED");
		assertThat(payment(buyer, payment)).containsEntry("status", "COMPLETED");
		HttpResponse<String> replayed = webhook(succeeded, signature(secret, Instant.now().getEpochSecond(),
				succeeded));
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat((String) JsonPath.read(replayed.body(), "$.outcome")).isEqualTo("DUPLICATE");
		assertThat(payment(buyer, payment)).containsEntry("status", "COMPLETED");

		// A refund made at the provider is recorded once, by its refund id.
		String refundId = "sbx_re_e2e_" + UUID.randomUUID().toString().replace("-", "");
		String refund = "{\"id\":\"" + eventId + "_refund\",\"type\":\"refund.succeeded\",\"data\":"
				+ "{\"providerPaymentId\":\"" + providerPaymentId + "\",\"refundId\":\"" + refundId
				+ "\",\"amount\":700,\"reason\":\"Refunded at the provider\"}}";
		HttpResponse<String> refunded = webhook(refund, signature(secret, Instant.now().getEpochSecond(), refund));
		assertThat((String) JsonPath.read(refunded.body(), "$.outcome")).isEqualTo("PROCESSED");
		assertThat(payment(buyer, payment)).containsEntry("status", "COMPLETED").containsEntry("refundedAmount", 700);
		String sameRefund = refund.replace(eventId + "_refund", eventId + "_refund_again");
		HttpResponse<String> again = webhook(sameRefund, signature(secret, Instant.now().getEpochSecond(),
				sameRefund));
		assertThat((String) JsonPath.read(again.body(), "$.outcome")).isEqualTo("IGNORED");
		assertThat(payment(buyer, payment)).containsEntry("refundedAmount", 700);
		HttpResponse<String> refunds = send(bearer(get(GATEWAY + "/api/payments/" + payment + "/refunds"),
				buyer.access()));
		assertThat(ids(refunds.body(), "$[*].amount")).containsExactly(700L);

		// A failure of another payment waiting for its second step; an event about no known payment is ignored.
		String otherKey = "e2e-" + UUID.randomUUID();
		long other = id(pay(buyer, otherKey, paymentRequest(900, "Abandoned", SECOND_STEP_CARD)));
		String failure = "{\"id\":\"" + eventId + "_failed\",\"type\":\"payment.failed\",\"data\":"
				+ "{\"providerPaymentId\":\"" + sandboxPaymentId(buyer, otherKey)
				+ "\",\"failureReason\":\"authentication_failed\"}}";
		HttpResponse<String> failed = webhook(failure, signature(secret, Instant.now().getEpochSecond(), failure));
		assertThat((String) JsonPath.read(failed.body(), "$.outcome")).isEqualTo("PROCESSED");
		assertThat(payment(buyer, other)).containsEntry("status", "FAILED")
			.containsEntry("failureReason", "authentication_failed");
		String unknown = "{\"id\":\"" + eventId + "_unknown\",\"type\":\"payment.succeeded\",\"data\":"
				+ "{\"providerPaymentId\":\"sbx_pay_e2e_nobody\"}}";
		HttpResponse<String> ignored = webhook(unknown, signature(secret, Instant.now().getEpochSecond(), unknown));
		assertThat(ignored.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(ignored.body(), "$.outcome")).isEqualTo("IGNORED");
	}

	@Test
	@Order(6)
	void anAdministratorBansModeratesAndDeletesAndEveryActionIsAudited() {
		Session admin = Session.admin();
		Session owner = Session.newUser("exhibitor");
		Session bystander = Session.newUser("bystander");
		Session offender = Session.newUser("offender");
		String moderatorEmail = Session.register("moderator");
		long moderatorId = Session.login(moderatorEmail, Session.PASSWORD).userId();

		// An administrator makes a moderator (whose tokens issued before stop working: sign in again).
		HttpResponse<String> promoted = eventually(Duration.ofSeconds(30), () -> {
			HttpResponse<String> response = send(bearer(json("PUT", GATEWAY + "/api/admin/users/" + moderatorId
					+ "/role", "{\"role\":\"MODERATOR\"}"), admin.access()));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response;
		});
		assertThat((String) JsonPath.read(promoted.body(), "$.role")).isEqualTo("MODERATOR");
		Session moderator = signInAgain(moderatorEmail);

		// An image, approved; the offender comments on it.
		long media = upload(owner, "Gallery opening", 61);
		approve(admin, media);
		assertThat(send(bearer(get(GATEWAY + "/api/media/" + media), bystander.access())).statusCode())
			.isEqualTo(200);
		long offending = id(created(comment(offender, media, "Buy cheap watches at my shop")));
		long kept = id(created(comment(bystander, media, "Lovely opening")));

		// A ban: the offender's token is refused at the gateway at once.
		HttpResponse<String> banned = send(bearer(json("PUT", GATEWAY + "/api/admin/users/" + offender.userId()
				+ "/status", "{\"status\":\"BANNED\",\"reason\":\"e2e spam\"}"), admin.access()));
		assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
		assertThat((String) JsonPath.read(banned.body(), "$.status")).isEqualTo("BANNED");
		assertProblem("401 banned, reading", send(bearer(get(GATEWAY + "/api/users/me"), offender.access())), 401);
		assertProblem("401 banned, commenting", comment(offender, media, "Still here"), 401);
		assertThat(count(media)).isEqualTo(2);

		// The offending comment deleted through admin-service.
		assertThat(send(bearer(get(GATEWAY + "/api/admin/comments/" + offending).DELETE(), admin.access()))
			.statusCode()).isEqualTo(204);
		assertProblem(send(bearer(get(GATEWAY + "/api/comments/" + offending), bystander.access())), 404);
		assertThat(ids(send(get(GATEWAY + "/api/comments?mediaId=" + media)).body(), "$.content[*].id"))
			.containsExactly(kept);
		assertThat(count(media)).isEqualTo(1);
		assertProblem("404 deleting an unknown comment", send(bearer(get(GATEWAY + "/api/admin/comments/"
				+ UNKNOWN_MEDIA).DELETE(), admin.access())), 404);

		// Rejected with a reason: hidden from everyone but its owner and staff.
		HttpResponse<String> rejected = send(bearer(json("PUT", GATEWAY + "/api/admin/media/" + media + "/moderation",
				"{\"status\":\"REJECTED\",\"reason\":\"e2e off-topic\"}"), admin.access()));
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
		assertThat((String) JsonPath.read(rejected.body(), "$.status")).isEqualTo("REJECTED");
		assertThat((String) JsonPath.read(rejected.body(), "$.rejectionReason")).isEqualTo("e2e off-topic");
		assertProblem("404 rejected, to a third user", send(bearer(get(GATEWAY + "/api/media/" + media),
				bystander.access())), 404);
		assertProblem("404 rejected, to anyone", send(get(GATEWAY + "/api/media/" + media)), 404);
		HttpResponse<String> ownView = send(bearer(get(GATEWAY + "/api/media/" + media), owner.access()));
		assertThat(ownView.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(ownView.body(), "$.rejectionReason")).isEqualTo("e2e off-topic");
		assertThat(send(bearer(get(GATEWAY + "/api/media/" + media), moderator.access())).statusCode())
			.isEqualTo(200);
		assertProblem("422 commenting on a rejected item", comment(bystander, media, "Gone?"), 422);
		assertProblem("400 rejecting without a reason", send(bearer(json("PUT", GATEWAY + "/api/admin/media/" + media
				+ "/moderation", "{\"status\":\"REJECTED\"}"), admin.access())), 400);

		// Users and moderators may not administer; what they tried changed nothing.
		Map<String, HttpRequest.Builder> administration = new LinkedHashMap<>();
		administration.put("GET users", get(GATEWAY + "/api/admin/users"));
		administration.put("PUT a status", json("PUT", GATEWAY + "/api/admin/users/" + bystander.userId() + "/status",
				"{\"status\":\"BANNED\",\"reason\":\"Not allowed\"}"));
		administration.put("PUT a moderation", json("PUT", GATEWAY + "/api/admin/media/" + media + "/moderation",
				"{\"status\":\"APPROVED\"}"));
		administration.put("DELETE a comment", get(GATEWAY + "/api/admin/comments/" + kept).DELETE());
		administration.put("GET the audit log", get(GATEWAY + "/api/admin/audit-events"));
		administration.put("GET statistics", get(GATEWAY + "/api/admin/statistics"));
		Map<String, Session> callers = Map.of("USER", bystander, "MODERATOR", moderator);
		callers.forEach((role, caller) -> administration.forEach((what, request) -> assertProblem(
				"403 " + role + " " + what, send(bearer(request.copy(), caller.access())), 403)));
		// The moderator is one: moderation endpoints of the services themselves let it in, unlike a user.
		assertThat(send(bearer(get(GATEWAY + "/api/comments/moderation"), moderator.access())).statusCode())
			.isEqualTo(200);
		assertProblem(send(bearer(get(GATEWAY + "/api/comments/moderation"), bystander.access())), 403);
		assertThat(send(bearer(get(GATEWAY + "/api/users/me"), bystander.access())).statusCode()).isEqualTo(200);
		assertThat(send(get(GATEWAY + "/api/comments/" + kept)).statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(send(bearer(get(GATEWAY + "/api/media/" + media), owner.access())).body(),
				"$.status")).isEqualTo("REJECTED");

		// The audit log: every change, with the administrator as actor, and nothing for what was refused.
		String actor = actor(admin);
		String promotion = audit(admin, "user:" + moderatorId);
		assertThat(number(promotion, "$.page.totalElements")).isEqualTo(1);
		assertThat((String) JsonPath.read(promotion, "$.content[0].action")).isEqualTo("user.role.changed");
		assertThat((String) JsonPath.read(promotion, "$.content[0].actor")).isEqualTo(actor);
		assertThat((String) JsonPath.read(promotion, "$.content[0].details.role")).isEqualTo("MODERATOR");
		String ban = audit(admin, "user:" + offender.userId());
		assertThat(number(ban, "$.page.totalElements")).isEqualTo(1);
		assertThat((String) JsonPath.read(ban, "$.content[0].action")).isEqualTo("user.status.changed");
		assertThat((String) JsonPath.read(ban, "$.content[0].actor")).isEqualTo(actor);
		assertThat((String) JsonPath.read(ban, "$.content[0].details.status")).isEqualTo("BANNED");
		assertThat((String) JsonPath.read(ban, "$.content[0].details.reason")).isEqualTo("e2e spam");
		String deletion = audit(admin, "comment:" + offending);
		assertThat(number(deletion, "$.page.totalElements")).isEqualTo(1);
		assertThat((String) JsonPath.read(deletion, "$.content[0].action")).isEqualTo("comment.deleted");
		assertThat((String) JsonPath.read(deletion, "$.content[0].actor")).isEqualTo(actor);
		String moderation = audit(admin, "media:" + media);
		assertThat(number(moderation, "$.page.totalElements")).isEqualTo(2);
		assertThat((List<String>) JsonPath.read(moderation, "$.content[*].action")).containsOnly("media.moderated");
		assertThat((List<String>) JsonPath.read(moderation, "$.content[*].actor")).containsOnly(actor);
		assertThat((List<String>) JsonPath.read(moderation, "$.content[*].details.status"))
			.containsExactly("REJECTED", "APPROVED");
		assertThat((String) JsonPath.read(moderation, "$.content[0].details.reason")).isEqualTo("e2e off-topic");
		assertThat(number(audit(admin, "user:" + bystander.userId()), "$.page.totalElements")).isZero();
		assertThat(number(audit(admin, "comment:" + kept), "$.page.totalElements")).isZero();
		HttpResponse<String> byAction = send(bearer(get(GATEWAY + "/api/admin/audit-events?action=comment.deleted"
				+ "&actor=" + actor + "&target=comment:" + offending), admin.access()));
		assertThat(number(byAction.body(), "$.page.totalElements")).isEqualTo(1);

		// Statistics of every service at once, for the range asked.
		LocalDate to = LocalDate.now(ZoneOffset.UTC);
		LocalDate from = to.minusDays(6);
		HttpResponse<String> statistics = send(bearer(get(GATEWAY + "/api/admin/statistics?from=" + from + "&to=" + to),
				admin.access()));
		assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
		Map<String, Object> sections = JsonPath.read(statistics.body(), "$");
		assertThat(sections).containsKeys("from", "to", "users", "media", "comments", "payments", "unavailable");
		assertThat((String) JsonPath.read(statistics.body(), "$.from")).isEqualTo(from.toString());
		assertThat((String) JsonPath.read(statistics.body(), "$.to")).isEqualTo(to.toString());
		assertThat((List<?>) JsonPath.read(statistics.body(), "$.unavailable")).as(statistics.body()).isEmpty();
		assertProblem("400 from after to", send(bearer(get(GATEWAY + "/api/admin/statistics?from=" + to + "&to="
				+ from), admin.access())), 400);
	}

	@Test
	@Order(7)
	void deletingAMediaItemRemovesItsComments() {
		Session owner = Session.newUser("leaving");
		Session commenter = Session.newUser("lingering");
		long media = upload(owner, "Short-lived", 71);
		approve(Session.admin(), media);
		long c1 = id(created(comment(commenter, media, "Nice while it lasts")));
		long r1 = id(created(send(bearer(post(GATEWAY + "/api/comments/" + c1 + "/replies", "{\"text\":\"Thanks\"}"),
				owner.access()))));
		long c2 = id(created(comment(owner, media, "Taking it down soon")));
		assertThat(count(media)).isEqualTo(3);

		assertProblem("403 someone else's item", send(bearer(get(GATEWAY + "/api/media/" + media).DELETE(),
				commenter.access())), 403);
		assertThat(send(bearer(get(GATEWAY + "/api/media/" + media).DELETE(), owner.access())).statusCode())
			.isEqualTo(204);
		awaitAssertion(Duration.ofSeconds(20), () -> {
			assertThat(number(send(get(GATEWAY + "/api/comments?mediaId=" + media)).body(), "$.page.totalElements"))
				.isZero();
			assertThat(count(media)).isZero();
			for (long comment : List.of(c1, r1, c2)) {
				assertThat(send(get(GATEWAY + "/api/comments/" + comment)).statusCode()).as("comment " + comment)
					.isEqualTo(404);
			}
		});
		assertProblem(send(get(GATEWAY + "/api/comments/" + c1)), 404);
		assertProblem("422 commenting on a deleted item", comment(commenter, media, "Hello?"), 422);
		assertProblem("404 replying to a removed comment", send(bearer(post(GATEWAY + "/api/comments/" + c1
				+ "/replies", "{\"text\":\"Anyone?\"}"), commenter.access())), 404);
	}

	/** Uploads a small PNG image; its id. */
	private static long upload(Session owner, String title, int seed) {
		HttpResponse<String> uploaded = send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", title),
				title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + ".png", "image/png",
				png(64, 48, seed)), owner.access()));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		return id(uploaded);
	}

	/** Approves a media item through admin-service. */
	private static HttpResponse<String> approve(Session admin, long media) {
		return eventually(Duration.ofSeconds(30), () -> {
			HttpResponse<String> response = send(bearer(json("PUT",
					GATEWAY + "/api/admin/media/" + media + "/moderation", "{\"status\":\"APPROVED\"}"),
					admin.access()));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response;
		});
	}

	/** Writes a top-level comment; the text is put into JSON as it is (no quotes or backslashes to escape). */
	private static HttpResponse<String> comment(Session author, long media, String text) {
		return send(bearer(post(GATEWAY + "/api/comments", "{\"mediaId\":" + media + ",\"text\":\"" + text + "\"}"),
				author.access()));
	}

	private static HttpResponse<String> created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response;
	}

	/** The VISIBLE comments of a media item, replies included, as comments-service counts them. */
	private static long count(long media) {
		HttpResponse<String> counts = send(get(GATEWAY + "/api/comments/counts?mediaId=" + media));
		assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
		return number(counts.body(), "$['" + media + "']");
	}

	/** {@code rate-limit.max-comments} of the comments-service.yml that the test system's config server serves. */
	private static int configuredRateLimit() {
		try {
			String settings = Files.readString(CONFIG_REPO.resolve("comments-service.yml"));
			Matcher matcher = Pattern.compile("(?m)^\\s+max-comments:\\s*(\\d+)").matcher(settings);
			assertThat(matcher.find()).as("max-comments in comments-service.yml").isTrue();
			return Integer.parseInt(matcher.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String paymentRequest(int amount, String description, String card) {
		return "{\"amount\":" + amount + ",\"currency\":\"USD\",\"description\":\"" + description
				+ "\",\"card\":{\"number\":\"" + card + "\",\"expMonth\":12,\"expYear\":" + (Year.now().getValue() + 3)
				+ ",\"cvc\":\"123\"}}";
	}

	private static HttpResponse<String> pay(Session buyer, String idempotencyKey, String request) {
		return send(bearer(post(GATEWAY + "/api/payments", request).header("Idempotency-Key", idempotencyKey),
				buyer.access()));
	}

	/** The payment as its owner sees it: its status, amounts and failure reason. */
	private static Map<String, Object> payment(Session owner, long payment) {
		HttpResponse<String> response = send(bearer(get(GATEWAY + "/api/payments/" + payment), owner.access()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.read(response.body(), "$");
	}

	/**
	 * The sandbox provider's id of a payment charged by {@code POST /api/payments}: derived from the charge's key,
	 * {@code payment:<user id>:<Idempotency-Key>}, as {@code SandboxProvider} does (the API does not show it).
	 */
	private static String sandboxPaymentId(Session buyer, String idempotencyKey) {
		return "sbx_pay_" + UUID.nameUUIDFromBytes(("payment:" + buyer.userId() + ":" + idempotencyKey)
			.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
	}

	/** {@code ZViewer-Signature}: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
	/**
	 * The sandbox's webhook secret: config-repo holds it encrypted ({cipher}), so ask the config server, the one
	 * part that has the key, to decrypt it, as an operator would (from inside the system's network).
	 */
	private static String webhookSecret() {
		String file;
		try {
			file = java.nio.file.Files.readString(ZViewerStack.CONFIG_REPO.resolve("payments-service.yml"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		java.util.regex.Matcher cipher = java.util.regex.Pattern.compile("webhook-secret: '\\{cipher}([0-9a-f]+)'")
			.matcher(file);
		assertThat(cipher.find()).as("an encrypted webhook-secret in config-repo/payments-service.yml").isTrue();
		DockerCompose.Result decrypted = ZViewerStack.onNetwork("wget", "-q", "-O", "-", "--header",
				"Authorization: Basic " + ZViewerStack.basic(ENV.get("CONFIG_SERVER_USERNAME"),
						ENV.get("CONFIG_SERVER_PASSWORD")),
				"--post-data", cipher.group(1),
				"http://config-server:8888/decrypt");
		assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
		assertThat(decrypted.output()).isNotBlank();
		return decrypted.output().strip();
	}

	private static String signature(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signed = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> webhook(String body, String signature) {
		return send(post(GATEWAY + "/api/payments/webhooks/sandbox", body).header("ZViewer-Signature", signature));
	}

	/** The audit entries about one target, newest first (a page of up to 100). */
	private static String audit(Session admin, String target) {
		HttpResponse<String> response = send(bearer(get(GATEWAY + "/api/admin/audit-events?size=100&target=" + target),
				admin.access()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static String actor(Session admin) {
		return "user:" + admin.userId();
	}

	/**
	 * Signs in after a change that revoked the user's tokens: the gateway refuses tokens issued in the second of the
	 * revocation or before, so one from the same second is refused too; sign in until the token is accepted.
	 */
	private static Session signInAgain(String email) {
		return eventually(Duration.ofSeconds(15), () -> {
			Session session = Session.login(email, Session.PASSWORD);
			assertThat(send(bearer(get(GATEWAY + "/api/users/me"), session.access())).statusCode()).isEqualTo(200);
			return session;
		});
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertProblem(response.request().method() + " " + response.uri().getPath(), response, status);
	}

	/** An RFC 9457 problem with the status, in the status line and in the body. */
	private static void assertProblem(String what, HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue(PROBLEM_JSON);
		assertThat(number(response.body(), "$.status")).as(what).isEqualTo(status);
	}

	private static long id(HttpResponse<String> response) {
		return number(response.body(), "$.id");
	}

	private static long number(String json, String path) {
		return ((Number) JsonPath.read(json, path)).longValue();
	}

	private static List<Long> ids(String json, String path) {
		List<Number> numbers = JsonPath.read(json, path);
		return numbers.stream().map(Number::longValue).toList();
	}

}
