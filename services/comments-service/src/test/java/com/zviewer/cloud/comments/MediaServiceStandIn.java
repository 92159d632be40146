package com.zviewer.cloud.comments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for media-service's {@code GET /api/media/{id}} as comments-service sees it: items 1 to 999 are visible to
 * anyone with a token, {@value #HIDDEN_FROM} and above are not (404, as media-service answers for pending items of
 * others), {@value #FORBIDDEN} is 403 and {@value #FAILING} fails with a 500. A request without a bearer token is 401.
 * Every request it receives is recorded.
 */
final class MediaServiceStandIn {

	static final long HIDDEN_FROM = 1000;

	static final long FORBIDDEN = 403;

	static final long FAILING = 500;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private MediaServiceStandIn(HttpServer server) {
		this.server = server;
	}

	static MediaServiceStandIn start() {
		try {
			MediaServiceStandIn standIn = new MediaServiceStandIn(
					HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			standIn.server.createContext("/api/media/", standIn::handle);
			standIn.server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Requests received so far, oldest first. */
	List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.received.add(new Received(exchange.getRequestMethod(), path, authorization));
			long id = Long.parseLong(path.substring("/api/media/".length()));
			int status = (authorization == null || !authorization.startsWith("Bearer ey")) ? 401
					: (id == FORBIDDEN) ? 403 : (id == FAILING) ? 500 : (id < HIDDEN_FROM) ? 200 : 404;
			byte[] body = (status == 200) ? ("{\"id\":" + id + ",\"status\":\"APPROVED\"}").getBytes()
					: ("{\"status\":" + status + "}").getBytes();
			exchange.getResponseHeaders()
				.set("Content-Type", (status == 200) ? "application/json" : "application/problem+json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	record Received(String method, String path, String authorization) {
	}

}
