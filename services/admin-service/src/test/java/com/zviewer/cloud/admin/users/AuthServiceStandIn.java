package com.zviewer.cloud.admin.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for auth-service's internal user API ({@code /internal/users}) as admin-service sees it: accounts kept in
 * memory, the rules auth-service applies (a bearer token is required, administrators cannot change their own account,
 * suspending or banning needs a reason, unknown ids are 404) answered with problem details, and every request it
 * receives recorded. Account 500 always fails with a 500.
 */
final class AuthServiceStandIn {

	static final long FAILING_ID = 500;

	private static final Pattern USER_PATH = Pattern.compile("/internal/users/(\\d+)(/role|/status)?");

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpServer server;

	private final Map<Long, Map<String, Object>> users = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private AuthServiceStandIn(HttpServer server) {
		this.server = server;
	}

	static AuthServiceStandIn start() {
		try {
			AuthServiceStandIn standIn = new AuthServiceStandIn(
					HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			standIn.server.createContext("/", standIn::handle);
			standIn.server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where the stand-in listens, for the discovery client. */
	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
	}

	void addUser(long id, String email, String displayName, String role, String status) {
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("id", id);
		user.put("email", email);
		user.put("displayName", displayName);
		user.put("role", role);
		user.put("status", status);
		user.put("statusReason", null);
		user.put("createdAt", "2026-01-05T10:00:00Z");
		user.put("updatedAt", "2026-01-05T10:00:00Z");
		this.users.put(id, user);
	}

	Map<String, Object> user(long id) {
		return this.users.get(id);
	}

	/** Every request received so far, oldest first. */
	List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The last request received. */
	Received last() {
		return this.received.getLast();
	}

	void forgetReceived() {
		this.received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			this.received.add(new Received(exchange.getRequestMethod(), path, query, authorization, body));
			if (authorization == null || !authorization.startsWith("Bearer ey")) {
				problem(exchange, 401, "Sign in first: this needs a bearer access token");
				return;
			}
			if (path.equals("/internal/users") && exchange.getRequestMethod().equals("GET")) {
				list(exchange, query);
				return;
			}
			Matcher matcher = USER_PATH.matcher(path);
			if (!matcher.matches()) {
				problem(exchange, 404, "No static resource " + path);
				return;
			}
			long id = Long.parseLong(matcher.group(1));
			if (id == FAILING_ID) {
				send(exchange, 500, "text/plain", "Something broke");
				return;
			}
			String change = matcher.group(2);
			if (change == null && exchange.getRequestMethod().equals("GET")) {
				Map<String, Object> user = this.users.get(id);
				if (user == null) {
					problem(exchange, 404, "No user with id " + id);
					return;
				}
				send(exchange, 200, "application/json", json.writeValueAsString(user));
			}
			else if (change != null && exchange.getRequestMethod().equals("PUT")) {
				change(exchange, id, change, json.readValue(body, Map.class));
			}
			else {
				problem(exchange, 405, "Method not supported");
			}
		}
	}

	private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
		List<Map<String, Object>> found = new ArrayList<>(this.users.values()
			.stream()
			.filter((user) -> !query.containsKey("role") || user.get("role").equals(query.get("role")))
			.filter((user) -> !query.containsKey("status") || user.get("status").equals(query.get("status")))
			.sorted(Comparator.comparing((Map<String, Object> user) -> (Long) user.get("id")).reversed())
			.toList());
		int size = Integer.parseInt(query.getOrDefault("size", "20"));
		int page = Integer.parseInt(query.getOrDefault("page", "0"));
		Map<String, Object> metadata = Map.of("size", size, "number", page, "totalElements", found.size(),
				"totalPages", (found.size() + size - 1) / size);
		List<Map<String, Object>> content = found.stream().skip((long) page * size).limit(size).toList();
		send(exchange, 200, "application/json", json.writeValueAsString(Map.of("content", content, "page", metadata)));
	}

	private void change(HttpExchange exchange, long id, String change, Map<?, ?> request) throws IOException {
		Map<String, Object> user = this.users.get(id);
		if (user == null) {
			problem(exchange, 404, "No user with id " + id);
			return;
		}
		if (subject(exchange.getRequestHeaders().getFirst("Authorization")).equals(Long.toString(id))) {
			problem(exchange, 409, "Administrators cannot change their own account");
			return;
		}
		if (change.equals("/role")) {
			user.put("role", request.get("role"));
		}
		else {
			Object status = request.get("status");
			Object reason = request.get("reason");
			if (!"ACTIVE".equals(status) && (reason == null || reason.toString().isBlank())) {
				problem(exchange, 400, "Say why the account is " + status);
				return;
			}
			user.put("status", status);
			user.put("statusReason", "ACTIVE".equals(status) ? null : reason.toString().strip());
		}
		user.put("updatedAt", "2026-02-01T10:00:00Z");
		send(exchange, 200, "application/json", json.writeValueAsString(user));
	}

	/** The subject of a bearer JWT, read without checking it (admin-service has checked it). */
	private static String subject(String authorization) {
		String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
		return json.readTree(Base64.getUrlDecoder().decode(payload)).get("sub").asString();
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (rawQuery != null) {
			for (String parameter : rawQuery.split("&")) {
				String[] nameAndValue = parameter.split("=", 2);
				parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
						(nameAndValue.length > 1) ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
			}
		}
		return parameters;
	}

	private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
		Map<String, Object> problem = Map.of("type", "about:blank", "title", "Refused", "status", status, "detail",
				detail, "instance", exchange.getRequestURI().getPath());
		send(exchange, status, "application/problem+json", json.writeValueAsString(problem));
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/**
	 * A request the stand-in received.
	 *
	 * @param method the HTTP method
	 * @param path the decoded path
	 * @param query the decoded query parameters, in the order sent
	 * @param authorization the {@code Authorization} header, if any
	 * @param body the body as text (empty if none)
	 */
	record Received(String method, String path, Map<String, String> query, String authorization, String body) {

	}

}
