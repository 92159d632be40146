package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;

/**
 * The webhook receiver Alertmanager sends its notifications to in the end-to-end tests: a small HTTP server on the
 * Docker host, reached from the containers as {@code host.docker.internal}, bound to the address of Docker's default
 * bridge only (the host side of {@code host-gateway}), so nothing outside the machine can reach it.
 */
final class AlertReceiver {

	/** One alert of a notification: its status (firing or resolved) and labels. */
	record Alert(String status, Map<String, String> labels) {
	}

	private final HttpServer server;

	private final List<Alert> alerts = new CopyOnWriteArrayList<>();

	AlertReceiver(String bindAddress) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/alerts", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			List<Map<String, Object>> received = JsonPath.read(body, "$.alerts[*]");
			for (Map<String, Object> alert : received) {
				@SuppressWarnings("unchecked")
				Map<String, String> labels = (Map<String, String>) alert.get("labels");
				this.alerts.add(new Alert((String) alert.get("status"), Map.copyOf(labels)));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
	}

	/** The URL to give Alertmanager (ALERT_WEBHOOK_URL). */
	String url() {
		return "http://host.docker.internal:" + this.server.getAddress().getPort() + "/alerts";
	}

	List<Alert> alerts() {
		return List.copyOf(this.alerts);
	}

	void stop() {
		this.server.stop(0);
	}

}
