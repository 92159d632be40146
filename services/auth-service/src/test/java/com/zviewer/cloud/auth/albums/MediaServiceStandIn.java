package com.zviewer.cloud.auth.albums;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Stands in for media-service as albums see it: a small HTTP server, found the way the real one is (a discovery
 * client, here Spring Cloud's simple one), that knows media items 1 to 99 and checks the caller's token is passed on.
 * A bean rather than a test class's own server, so that every test class shares one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MediaServiceStandIn {

	@Bean
	Server mediaServiceStandIn() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/api/media/", (exchange) -> {
			long id = Long.parseLong(exchange.getRequestURI().getPath().substring("/api/media/".length()));
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			int status = (authorization == null || !authorization.startsWith("Bearer ey")) ? 401 : (id < 100) ? 200 : 404;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		return new Server(server);
	}

	@Bean
	DynamicPropertyRegistrar mediaServiceInstance(Server mediaServiceStandIn) {
		return (registry) -> registry.add("spring.cloud.discovery.client.simple.instances.media-service[0].uri",
				mediaServiceStandIn::uri);
	}

	/** The running stand-in, stopped with the application context. */
	record Server(HttpServer http) implements AutoCloseable {

		String uri() {
			return "http://127.0.0.1:" + this.http.getAddress().getPort();
		}

		@Override
		public void close() {
			this.http.stop(0);
		}

	}

}
