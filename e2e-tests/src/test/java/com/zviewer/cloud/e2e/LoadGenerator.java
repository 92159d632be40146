package com.zviewer.cloud.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * Constant, bounded load through the gateway while a scenario changes the system: a few workers, each sending one
 * request after another (three reads of the media listing to one upload of a small image, all as one signed-in user),
 * until {@link #stop()},
 * the time limit or the request limit, whichever comes first. The harness itself never retries: every failure it sees
 * is one a user would have seen.
 */
final class LoadGenerator implements AutoCloseable {

	private static final int WORKERS = 4;

	private static final int MAX_REQUESTS = 200_000;

	private final HttpClient client;

	private final String gateway;

	private final long deadlineNanos;

	private final List<Thread> workers = new ArrayList<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final AtomicInteger sent = new AtomicInteger();

	private final AtomicInteger answered = new AtomicInteger();

	private final AtomicInteger failedReads = new AtomicInteger();

	private final AtomicInteger failedWrites = new AtomicInteger();

	private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Instant> firstServed = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastServed = new ConcurrentHashMap<>();

	private volatile boolean stopped;

	private final String accessToken;

	private final byte[] image = ZViewerStack.png(8, 8, 1);

	LoadGenerator(String gateway, Duration limit, String accessToken) {
		this(gateway, limit, accessToken, null);
	}

	/**
	 * A load through an HTTPS edge whose certificate {@code ssl} trusts, over HTTP/1.1: nginx ends an HTTP/2 connection
	 * after every 1000 requests (keepalive_requests), and Java's client once failed a request there with "EOF reached
	 * while reading" (SwarmIT, at the 4,000th request of the load, nothing in the edge's logs) instead of sending it
	 * again on a new connection. Over HTTP/1.1 nginx says "Connection: close" on the last response instead.
	 */
	LoadGenerator(String gateway, Duration limit, String accessToken, SSLContext ssl) {
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
		this.client = ((ssl != null) ? client.sslContext(ssl).version(HttpClient.Version.HTTP_1_1) : client).build();
		this.gateway = gateway;
		this.accessToken = accessToken;
		this.deadlineNanos = System.nanoTime() + limit.toNanos();
	}

	LoadGenerator start() {
		for (int i = 0; i < WORKERS; i++) {
			this.workers.add(Thread.ofVirtual().name("load-" + i).start(this::work));
		}
		return this;
	}

	private void work() {
		while (!this.stopped && System.nanoTime() < this.deadlineNanos && this.issued.incrementAndGet() <= MAX_REQUESTS) {
			boolean write = ThreadLocalRandom.current().nextInt(4) == 0;
			HttpRequest.Builder request = write
					? ZViewerStack.multipart(this.gateway + "/api/media", Map.of("title", "load"), "load.png",
							"image/png", this.image)
					: HttpRequest.newBuilder(URI.create(this.gateway + "/api/media?size=1"));
			// A trace of its own (not sampled: no spans to export), so that a failure can be followed in the logs of
			// the gateway and the services, which carry its id.
			String traceId = traceId();
			request.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + this.accessToken)
				.header("traceparent", "00-" + traceId + "-" + traceId.substring(16) + "-00");
			long start = System.nanoTime();
			try {
				HttpResponse<Void> response = this.client.send(request.build(), BodyHandlers.discarding());
				this.answered.incrementAndGet();
				this.latenciesMicros.add((System.nanoTime() - start) / 1000);
				if (response.statusCode() != (write ? 201 : 200)) {
					fail(write, "HTTP " + response.statusCode(), traceId);
				}
				response.headers().firstValue("X-Served-By").ifPresent((instance) -> {
					Instant now = Instant.now();
					this.firstServed.putIfAbsent(instance, now);
					this.lastServed.put(instance, now);
				});
			}
			catch (Exception ex) {
				fail(write, ex.toString(), traceId);
			}
			this.sent.incrementAndGet();
			sleepBriefly();
		}
	}

	private static String traceId() {
		return HexFormat.of().formatHex(ByteBuffer.allocate(16)
			.putLong(ThreadLocalRandom.current().nextLong())
			.putLong(ThreadLocalRandom.current().nextLong())
			.array());
	}

	private void fail(boolean write, String what, String traceId) {
		(write ? this.failedWrites : this.failedReads).incrementAndGet();
		if (this.failures.size() < 20) {
			this.failures.add(Instant.now() + (write ? " write: " : " read: ") + what + " (trace " + traceId + ")");
		}
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void stop() {
		this.stopped = true;
		for (Thread worker : this.workers) {
			try {
				worker.join(Duration.ofSeconds(60));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** Requests answered or failed so far. */
	int sent() {
		return this.sent.get();
	}

	/**
	 * Requests the gateway answered, whatever the status: the ones it must have counted. A request that failed before
	 * it had an answer (refused, reset, timed out) may never have reached it.
	 */
	int answered() {
		return this.answered.get();
	}

	int failedReads() {
		return this.failedReads.get();
	}

	int failedWrites() {
		return this.failedWrites.get();
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	Map<String, Instant> firstServed() {
		return Map.copyOf(this.firstServed);
	}

	Map<String, Instant> lastServed() {
		return Map.copyOf(this.lastServed);
	}

	long percentileMillis(double percentile) {
		List<Long> sorted;
		synchronized (this.latenciesMicros) {
			sorted = new ArrayList<>(this.latenciesMicros);
		}
		if (sorted.isEmpty()) {
			return 0;
		}
		Collections.sort(sorted);
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(percentile * sorted.size()) - 1)) / 1000;
	}

}
