package com.zviewer.cloud.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY;
import static com.zviewer.cloud.e2e.ZViewerStack.bearer;
import static com.zviewer.cloud.e2e.ZViewerStack.eventually;
import static com.zviewer.cloud.e2e.ZViewerStack.get;
import static com.zviewer.cloud.e2e.ZViewerStack.json;
import static com.zviewer.cloud.e2e.ZViewerStack.post;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts through the gateway: sign-up, sign-in, refresh, one's own profile, and an administrator's ban, after which
 * the user's tokens stop working at once.
 */
@Order(2)
@ExtendWith(ZViewerStack.class)
class AccountsIT {

	@Test
	void signUpSignInRefreshAndABanThatEndsEveryToken() {
		Session user = Session.newUser("banned");
		long userId = user.userId();
		HttpResponse<String> me = send(bearer(get(GATEWAY + "/api/users/me"), user.access()));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(((Number) JsonPath.read(me.body(), "$.id")).longValue()).isEqualTo(userId);
		String email = JsonPath.read(me.body(), "$.email");
		Session refreshed = user.refresh();
		assertThat(refreshed.refreshToken()).isNotEqualTo(user.refreshToken());
		assertThat(send(bearer(get(GATEWAY + "/api/users/me"), refreshed.access())).statusCode()).isEqualTo(200);

		Session admin = Session.admin();
		HttpResponse<String> ban = eventually(Duration.ofSeconds(30), () -> {
			HttpResponse<String> response = send(bearer(json("PUT", GATEWAY + "/api/admin/users/" + userId + "/status",
					"{\"status\":\"BANNED\",\"reason\":\"e2e spam\"}"), admin.access()));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response;
		});
		assertThat((String) JsonPath.read(ban.body(), "$.status")).isEqualTo("BANNED");

		// Access tokens still within their lifetime are refused by the gateway; refresh and sign-in by auth-service.
		for (String token : List.of(user.access(), refreshed.access())) {
			HttpResponse<String> refused = send(bearer(get(GATEWAY + "/api/users/me"), token));
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(send(post(GATEWAY + "/api/auth/refresh", "{\"refreshToken\":\"" + refreshed.refreshToken() + "\"}"))
			.statusCode()).isEqualTo(401);
		assertThat(send(post(GATEWAY + "/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + Session.PASSWORD + "\"}")).statusCode()).isEqualTo(403);

		HttpResponse<String> audit = send(bearer(get(GATEWAY + "/api/admin/audit-events?target=user:" + userId),
				admin.access()));
		assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
		assertThat(audit.body()).contains("user.status.changed");
		assertThat(send(bearer(get(GATEWAY + "/api/admin/audit-events"), refreshed.access())).statusCode())
			.isEqualTo(401);
	}

	@Test
	void theInternalApiIsNotReachableFromOutside() {
		Session admin = Session.admin();
		for (String path : List.of("/internal/users", "/api/../internal/users", "/api/users/../../internal/users")) {
			assertThat(send(bearer(get(GATEWAY + path), admin.access())).statusCode()).as(path).isIn(400, 404);
		}
	}

}
