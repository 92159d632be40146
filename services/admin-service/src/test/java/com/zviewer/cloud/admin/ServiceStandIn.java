package com.zviewer.cloud.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for another ZViewer service (media-service, comments-service, payments-service, auth-service) as
 * admin-service sees it: a small real HTTP server that answers what a test programs with {@link #on}, refuses requests
 * without a bearer token with a 401 problem (as the real services do), answers anything else with a 404 problem, and
 * records every request it receives. Each request is handled on its own virtual thread, so a slow answer holds up no
 * other.
 */
public final class ServiceStandIn {

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpServer server;

	private final List<Route> routes = new CopyOnWriteArrayList<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private ServiceStandIn(HttpServer server) {
		this.server = server;
	}

	public static ServiceStandIn start() {
		try {
			ServiceStandIn standIn = new ServiceStandIn(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			standIn.server.createContext("/", standIn::handle);
			standIn.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			standIn.server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where the stand-in listens, for the discovery client. */
	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void stop() {
		this.server.stop(0);
	}

	/**
	 * Answers requests with this method whose path matches {@code pathPattern} (a regular expression whose groups the
	 * handler gets); the route added last wins.
	 */
	public ServiceStandIn on(String method, String pathPattern, Handler handler) {
		this.routes.addFirst(new Route(method, Pattern.compile(pathPattern), handler));
		return this;
	}

	/** Forgets every route and every request received. */
	public void reset() {
		this.routes.clear();
		this.received.clear();
	}

	/** Every request received so far, oldest first. */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The last request received. */
	public Received last() {
		return this.received.getLast();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
			Received request = new Received(method, path, query(exchange.getRequestURI().getRawQuery()), headers, body);
			this.received.add(request);
			Answer answer = answer(request);
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

	private Answer answer(Received request) {
		String authorization = request.authorization();
		if (authorization == null || !authorization.startsWith("Bearer ey")) {
			return Answer.problem(401, "Sign in first: this needs a bearer access token");
		}
		for (Route route : this.routes) {
			Matcher matcher = route.path().matcher(request.path());
			if (route.method().equals(request.method()) && matcher.matches()) {
				try {
					return route.handler().handle(request, matcher);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return Answer.problem(503, "Interrupted");
				}
			}
		}
		return Answer.problem(404, "No static resource " + request.path());
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

	/** Answers one request. */
	@FunctionalInterface
	public interface Handler {

		Answer handle(Received request, Matcher path) throws InterruptedException;

	}

	/**
	 * An answer to send.
	 *
	 * @param status the HTTP status
	 * @param contentType its content type
	 * @param body the body as text (empty for none)
	 */
	public record Answer(int status, String contentType, String body) {

		public static Answer json(int status, Object body) {
			return new Answer(status, "application/json", json.writeValueAsString(body));
		}

		public static Answer problem(int status, String detail) {
			Map<String, Object> problem = Map.of("type", "about:blank", "title", "Refused", "status", status,
					"detail", detail);
			return new Answer(status, "application/problem+json", json.writeValueAsString(problem));
		}

		public static Answer noContent() {
			return new Answer(204, "text/plain", "");
		}

		public static Answer text(int status, String text) {
			return new Answer(status, "text/plain", text);
		}

	}

	/**
	 * A request the stand-in received.
	 *
	 * @param method the HTTP method
	 * @param path the decoded path
	 * @param query the decoded query parameters, in the order sent
	 * @param headers the first value of each header, by lower-case name
	 * @param body the body as text (empty if none)
	 */
	public record Received(String method, String path, Map<String, String> query, Map<String, String> headers,
			String body) {

		public String authorization() {
			return this.headers.get("authorization");
		}

		/** The body read as a JSON object. */
		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return json.readValue(this.body, Map.class);
		}

	}

	private record Route(String method, Pattern path, Handler handler) {

	}

}
