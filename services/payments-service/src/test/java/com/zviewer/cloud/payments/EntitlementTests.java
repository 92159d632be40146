package com.zviewer.cloud.payments;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.test.TestJwts;

import org.springframework.http.HttpStatus;

import static com.zviewer.cloud.payments.PaymentsApi.SECOND_STEP;
import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.admin;
import static com.zviewer.cloud.payments.PaymentsApi.card;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.moderator;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Entitlements: a completed purchase of the item or an active subscription, for the caller and for services. */
@PaymentsServiceTest
class EntitlementTests extends PaymentsServiceTestSupport {

	@Test
	void aCompletedPurchaseEntitlesUntilFullyRefunded() {
		long owner = newUser();
		String token = user(owner);
		long mediaId = newUser();
		assertThat(entitlement(token, mediaId)).containsOnlyKeys("mediaId", "entitled", "reason")
			.containsEntry("mediaId", (int) mediaId)
			.containsEntry("entitled", false)
			.containsEntry("reason", null);
		long pending = id(buy(token, mediaId, SECOND_STEP));
		assertThat(entitlement(token, mediaId)).as("awaiting the second step").containsEntry("entitled", false);
		this.api.post(token, "/api/payments/" + pending + "/cancel", null);

		long paid = id(buy(token, mediaId, SUCCEEDS));
		assertThat(entitlement(token, mediaId)).containsEntry("entitled", true).containsEntry("reason", "PURCHASE");
		assertThat(entitlement(token, mediaId + 1)).as("another item").containsEntry("entitled", false);
		assertThat(entitlement(user(newUser()), mediaId)).as("another user").containsEntry("entitled", false);

		this.api.refund(admin(), paid, 500, key());
		assertThat(entitlement(token, mediaId)).as("partly refunded").containsEntry("entitled", true);
		this.api.refund(admin(), paid, 499, key());
		assertThat(entitlement(token, mediaId)).as("fully refunded").containsEntry("entitled", false);
	}

	@Test
	void anActiveSubscriptionEntitlesToEverything() {
		String token = user(newUser());
		long method = id(this.api.savedMethod(token, SUCCEEDS));
		this.api.post(token, "/api/payments/subscriptions", "{\"planId\":\"premium-yearly\",\"paymentMethodId\":"
				+ method + "}");
		assertThat(entitlement(token, 123)).containsEntry("entitled", true).containsEntry("reason", "SUBSCRIPTION");
	}

	@Test
	void servicesAndAdminsAskForAnyUserOthersOnlyForThemselves() {
		long owner = newUser();
		long mediaId = newUser();
		buy(user(owner), mediaId, SUCCEEDS);
		String uri = "/internal/entitlements?userId=" + owner + "&mediaId=" + mediaId;
		assertThat(this.api.get(admin(), uri).getBody()).containsEntry("entitled", true)
			.containsEntry("reason", "PURCHASE");
		assertThat(this.api.get(TestJwts.bearer(newUser(), "SERVICE"), uri).getBody()).containsEntry("entitled", true);
		assertThat(this.api.get(user(owner), uri).getBody()).as("the user asked about").containsEntry("entitled", true);
		assertProblem(this.api.get(user(newUser()), uri), HttpStatus.FORBIDDEN, "another user");
		assertProblem(this.api.get(moderator(), uri), HttpStatus.FORBIDDEN, "a moderator");
		assertProblem(this.api.get(null, uri), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.get(admin(), "/internal/entitlements?userId=" + owner), HttpStatus.BAD_REQUEST,
				"no mediaId");
		assertProblem(this.api.get(admin(), "/internal/entitlements?userId=x&mediaId=1"), HttpStatus.BAD_REQUEST,
				"malformed userId");
		assertProblem(this.api.get(user(owner), "/api/payments/entitlements"), HttpStatus.BAD_REQUEST, "no mediaId");
		assertProblem(this.api.get(null, "/api/payments/entitlements?mediaId=1"), HttpStatus.UNAUTHORIZED,
				"anonymous");
	}

	private Map<String, Object> buy(String token, long mediaId, String number) {
		return this.api.pay(token, "{\"amount\":999,\"currency\":\"EUR\",\"description\":\"Premium\",\"mediaId\":"
				+ mediaId + ",\"card\":" + card(number) + "}", key()).getBody();
	}

	private Map<String, Object> entitlement(String token, long mediaId) {
		return this.api.get(token, "/api/payments/entitlements?mediaId=" + mediaId).getBody();
	}

}
