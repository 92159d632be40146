package com.zviewer.cloud.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;

import static com.zviewer.cloud.e2e.ZViewerStack.ENV;
import static com.zviewer.cloud.e2e.ZViewerStack.GATEWAY;
import static com.zviewer.cloud.e2e.ZViewerStack.eventually;
import static com.zviewer.cloud.e2e.ZViewerStack.post;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in account: its access and refresh tokens, and its id. */
record Session(long userId, String access, String refreshToken) {

	static final String PASSWORD = "correct horse battery";

	/** Registers a new account with a unique email and signs it in. */
	static Session newUser(String name) {
		return login(register(name), PASSWORD);
	}

	/** Registers a new account with a unique email and {@link #PASSWORD}; its email. */
	static String register(String name) {
		return register(GATEWAY, name);
	}

	/** Registers a new account through the gateway at {@code gateway}; its email. */
	static String register(String gateway, String name) {
		String email = name + "-" + System.nanoTime() + "@example.com";
		eventually(Duration.ofSeconds(30), () -> {
			HttpResponse<String> response = send(post(gateway + "/api/users",
					"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + name + "\"}"));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			return response;
		});
		return email;
	}

	static Session admin() {
		return login(ENV.get("ZVIEWER_ADMIN_EMAIL"), ENV.get("ZVIEWER_ADMIN_PASSWORD"));
	}

	static Session login(String email, String password) {
		return login(GATEWAY, email, password);
	}

	/** Signs in through the gateway at {@code gateway}. */
	static Session login(String gateway, String email, String password) {
		HttpResponse<String> response = eventually(Duration.ofSeconds(30), () -> {
			HttpResponse<String> login = send(post(gateway + "/api/auth/login",
					"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
			assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
			return login;
		});
		return of(response);
	}

	Session refresh() {
		HttpResponse<String> response = send(
				post(GATEWAY + "/api/auth/refresh", "{\"refreshToken\":\"" + this.refreshToken + "\"}"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return of(response);
	}

	private static Session of(HttpResponse<String> response) {
		String access = JsonPath.read(response.body(), "$.accessToken");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(access.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
		long userId = Long.parseLong(JsonPath.read(payload, "$.sub"));
		return new Session(userId, access, JsonPath.read(response.body(), "$.refreshToken"));
	}

}
