package com.zviewer.cloud.admin.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.admin.remote.RemoteService;

import static com.zviewer.cloud.admin.remote.RemoteService.bearer;

/**
 * Asks auth-service, media-service, comments-service and payments-service for their statistics at the same time, each
 * on its own virtual thread, with the administrator's own token, and waits for them all together at most
 * {@code zviewer.admin.statistics.timeout}. A service that refuses, fails, cannot be reached or is too slow is listed
 * as unavailable (its call is cancelled) and the others are answered all the same.
 */
@Component
class StatisticsGatherer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(StatisticsGatherer.class);

	/** Each section, by name, and where its service answers it. */
	private final Map<String, Source> sources = new LinkedHashMap<>();

	private final StatisticsProperties properties;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	StatisticsGatherer(@LoadBalanced RestClient.Builder loadBalanced, StatisticsProperties properties) {
		this.properties = properties;
		add("users", new RemoteService(loadBalanced, "http://auth-service", "User statistics"),
				"/internal/users/statistics");
		add("media", new RemoteService(loadBalanced, "http://media-service", "Media statistics"),
				"/api/media/statistics");
		add("comments", new RemoteService(loadBalanced, "http://comments-service", "Comment statistics"),
				"/api/comments/statistics");
		add("payments", new RemoteService(loadBalanced, "http://payments-service", "Payment statistics"),
				"/api/payments/statistics");
	}

	private void add(String section, RemoteService service, String path) {
		this.sources.put(section, new Source(service, path));
	}

	AdminStatistics gather(Jwt admin, LocalDate from, LocalDate to) {
		List<Callable<JsonNode>> calls = this.sources.values()
			.stream()
			.<Callable<JsonNode>>map((source) -> () -> source.statistics(admin, from, to))
			.toList();
		List<Future<JsonNode>> answers;
		try {
			answers = this.executor.invokeAll(calls, this.properties.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while gathering statistics", ex);
		}
		Map<String, JsonNode> sections = new LinkedHashMap<>();
		List<String> unavailable = new ArrayList<>();
		int i = 0;
		for (String section : this.sources.keySet()) {
			JsonNode answer = answer(section, answers.get(i++));
			sections.put(section, answer);
			if (answer == null) {
				unavailable.add(section);
			}
		}
		return new AdminStatistics(from, to, sections.get("users"), sections.get("media"), sections.get("comments"),
				sections.get("payments"), unavailable);
	}

	/** The section's statistics, or {@code null} if its service did not give them in time. */
	private static JsonNode answer(String section, Future<JsonNode> answer) {
		try {
			return answer.get();
		}
		catch (CancellationException ex) {
			logger.warn("No " + section + " statistics: no answer in time");
		}
		catch (ExecutionException ex) {
			logger.warn("No " + section + " statistics: " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * Where one section's statistics come from.
	 *
	 * @param service the service
	 * @param path its statistics endpoint
	 */
	private record Source(RemoteService service, String path) {

		JsonNode statistics(Jwt admin, LocalDate from, LocalDate to) {
			return this.service.call(() -> this.service.client()
				.get()
				.uri(this.path + "?from={from}&to={to}", from, to)
				.header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.retrieve()
				.body(JsonNode.class));
		}

	}

}
