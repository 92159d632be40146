package com.zviewer.cloud.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.zviewer.cloud.e2e.ZViewerStack.ROOT;
import static com.zviewer.cloud.e2e.ZViewerStack.awaitAssertion;
import static com.zviewer.cloud.e2e.ZViewerStack.awaitRouting;
import static com.zviewer.cloud.e2e.ZViewerStack.bearer;
import static com.zviewer.cloud.e2e.ZViewerStack.eventually;
import static com.zviewer.cloud.e2e.ZViewerStack.get;
import static com.zviewer.cloud.e2e.ZViewerStack.multipart;
import static com.zviewer.cloud.e2e.ZViewerStack.png;
import static com.zviewer.cloud.e2e.ZViewerStack.post;
import static com.zviewer.cloud.e2e.ZViewerStack.report;
import static com.zviewer.cloud.e2e.ZViewerStack.seconds;
import static com.zviewer.cloud.e2e.ZViewerStack.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persistent data, as a project of its own beside the test system (it destroys its volumes): a backup made with
 * scripts/backup.sh and restored with scripts/restore.sh after every volume was removed gives back every row of every
 * database and every media file, byte for byte, and the restored system serves them; data survives
 * {@code docker compose down} and {@code up}; and a {@code kill -9} of PostgreSQL in the middle of writes loses no
 * transaction that was committed (answered 201), while the services recover without a restart.
 */
@Order(8)
@ExtendWith(ZViewerStack.OwnProject.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupIT {

	private static final int GATEWAY_PORT = 28080;

	private static final String GATEWAY = "http://127.0.0.1:" + GATEWAY_PORT;

	private static final Path BACKUPS = ROOT.resolve("e2e-tests/target/backup/backups");

	private static final DockerCompose project = new DockerCompose(ROOT, "zviewer-backup",
			Map.of("GATEWAY_PORT", String.valueOf(GATEWAY_PORT), "EUREKA_PORT", "28761", "BACKUP_DIR",
					BACKUPS.toString()));

	private static final List<String> DATABASES = List.of("auth", "media", "comments", "payments", "admin");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** What the first test stored, for the later ones to find again. */
	private static String email;

	private static long mediaId;

	private static byte[] image;

	@BeforeAll
	static void start() throws IOException {
		removeEverything();
		if (Files.exists(BACKUPS)) {
			try (var tree = Files.walk(BACKUPS)) {
				for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
		Files.createDirectories(BACKUPS);
		long start = System.nanoTime();
		project.compose(Duration.ofMinutes(8), "up", "--detach", "--wait", "--wait-timeout", "420");
		awaitRouting(Duration.ofSeconds(120), (path) -> send(get(GATEWAY + path)).statusCode());
		report("backup project: up to routing (s)", seconds(start));
	}

	@AfterAll
	static void keepTheLogsAndRemoveEverything() throws IOException {
		Files.writeString(BACKUPS.resolveSibling("compose.log"), project.docker(Duration.ofMinutes(1), "compose",
				"--project-name", project.project(), "logs", "--no-color", "--timestamps").output());
		removeEverything();
	}

	private static void removeEverything() {
		project.compose(Duration.ofMinutes(5), "--profile", "backup", "down", "--volumes", "--remove-orphans");
	}

	@Test
	@Order(1)
	void aBackupRestoredAfterEveryVolumeWasRemovedHasEveryRowAndFileAndIsServed() {
		// Users, media (with its thumbnail), comments and payments.
		email = Session.register(GATEWAY, "keeper");
		Session owner = Session.login(GATEWAY, email, Session.PASSWORD);
		image = png(320, 240, 42);
		HttpResponse<String> uploaded = send(bearer(multipart(GATEWAY + "/api/media",
				Map.of("title", "Lighthouse", "description", "Kept safe"), "lighthouse.png", "image/png", image),
				owner.access()));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		mediaId = ((Number) JsonPath.read(uploaded.body(), "$.id")).longValue();
		awaitAssertion(Duration.ofSeconds(60), () -> assertThat((String) JsonPath
			.read(send(bearer(get(GATEWAY + "/api/media/" + mediaId), owner.access())).body(), "$.thumbnailStatus"))
			.isEqualTo("READY"));
		HttpResponse<String> comment = send(bearer(
				post(GATEWAY + "/api/comments", "{\"mediaId\":" + mediaId + ",\"text\":\"Worth keeping\"}"),
				owner.access()));
		assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
		HttpResponse<String> payment = send(bearer(post(GATEWAY + "/api/payments",
				"{\"amount\":1999,\"currency\":\"USD\",\"description\":\"Prints\",\"card\":{\"number\":\"4242424242424242\","
						+ "\"expMonth\":12,\"expYear\":" + (Year.now().getValue() + 3) + ",\"cvc\":\"123\"}}")
			.header("Idempotency-Key", "backup-" + UUID.randomUUID()), owner.access()));
		assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
		long paymentId = ((Number) JsonPath.read(payment.body(), "$.id")).longValue();

		// Once the services are done with it (thumbnails, events sent), the data stands still.
		Map<String, String> stored = eventually(Duration.ofSeconds(60), () -> {
			Map<String, String> first = checksums();
			ZViewerStack.sleep(Duration.ofSeconds(2));
			assertThat(checksums()).isEqualTo(first);
			return first;
		});
		assertThat(stored).containsKeys("auth.users", "media.media_items", "comments.comments", "payments.payments")
			.anySatisfy((what, checksum) -> assertThat(what).startsWith("file ./"));

		long backupStart = System.nanoTime();
		String output = project.run(Duration.ofMinutes(5), "scripts/backup.sh", "--project-name", project.project());
		report("backup: scripts/backup.sh (s)", seconds(backupStart));
		String backup = output.lines().filter((line) -> line.startsWith("zviewer-")).reduce((a, b) -> b).orElseThrow();
		assertThat(BACKUPS.resolve(backup).resolve("SHA256SUMS")).exists();
		assertThat(checksums()).as("nothing changed while the backup ran").isEqualTo(stored);

		// Every volume goes: the databases, the media files, the message broker's.
		project.compose(Duration.ofMinutes(5), "down", "--volumes");
		assertThat(project.docker(Duration.ofMinutes(1), "volume", "ls", "--quiet", "--filter",
				"label=com.docker.compose.project=" + project.project()).requireSuccess()).isBlank();

		long restoreStart = System.nanoTime();
		project.run(Duration.ofMinutes(10), "scripts/restore.sh", backup, "--project-name", project.project());
		report("backup: scripts/restore.sh onto new volumes, to healthy (s)", seconds(restoreStart));
		assertThat(checksums()).as("every row and file, owners and modes of the files too").isEqualTo(stored);

		awaitRouting(Duration.ofSeconds(120), (path) -> send(get(GATEWAY + path)).statusCode());
		Session again = Session.login(GATEWAY, email, Session.PASSWORD);
		assertThat(content(again, mediaId)).isEqualTo(sha256(image));
		HttpResponse<String> thumbnail = send(bearer(get(GATEWAY + "/api/media/" + mediaId + "/thumbnail"),
				again.access()));
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(send(bearer(get(GATEWAY + "/api/comments?mediaId=" + mediaId), again.access())).body())
			.contains("Worth keeping");
		HttpResponse<String> paid = send(bearer(get(GATEWAY + "/api/payments/" + paymentId), again.access()));
		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
		assertThat((String) JsonPath.read(paid.body(), "$.status")).isEqualTo("COMPLETED");
		// The tokens issued before the backup are still valid: the signing keys came back too.
		assertThat(send(bearer(get(GATEWAY + "/api/users/me"), owner.access())).statusCode()).isEqualTo(200);
		// The restored media directory belongs to the service again: it takes new uploads.
		HttpResponse<String> another = send(bearer(multipart(GATEWAY + "/api/media", Map.of("title", "After"),
				"after.png", "image/png", png(64, 64, 43)), again.access()));
		assertThat(another.statusCode()).as(another.body()).isEqualTo(201);
	}

	@Test
	@Order(2)
	void dataSurvivesDownAndUp() {
		project.compose(Duration.ofMinutes(5), "down");
		project.compose(Duration.ofMinutes(8), "up", "--detach", "--wait", "--wait-timeout", "420");
		awaitRouting(Duration.ofSeconds(120), (path) -> send(get(GATEWAY + path)).statusCode());
		Session again = Session.login(GATEWAY, email, Session.PASSWORD);
		assertThat(content(again, mediaId)).isEqualTo(sha256(image));
	}

	@Test
	@Order(3)
	void aKilledDatabaseLosesNoCommittedTransactionAndTheServicesRecoverWithoutRestart() throws Exception {
		List<String> committed = new CopyOnWriteArrayList<>();
		AtomicInteger failed = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger committedAfterRestart = new AtomicInteger();
		AtomicBoolean restarted = new AtomicBoolean();
		// One writer, bounded in count and time: registrations, each one transaction of auth-service.
		Thread writer = Thread.ofPlatform().start(() -> {
			long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			for (int i = 0; i < 2000 && !stop.get() && System.nanoTime() < deadline; i++) {
				String address = "durable-" + i + "-" + System.nanoTime() + "@example.com";
				try {
					HttpResponse<String> response = http.send(post(GATEWAY + "/api/users",
							"{\"email\":\"" + address + "\",\"password\":\"" + Session.PASSWORD
									+ "\",\"displayName\":\"Durable\"}")
						.timeout(Duration.ofSeconds(10))
						.build(), BodyHandlers.ofString());
					if (response.statusCode() == 201) {
						committed.add(address);
						if (restarted.get()) {
							committedAfterRestart.incrementAndGet();
						}
					}
					else {
						failed.incrementAndGet();
					}
				}
				catch (IOException ex) {
					failed.incrementAndGet();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
		try {
			awaitAssertion(Duration.ofSeconds(60), () -> assertThat(committed).hasSizeGreaterThanOrEqualTo(10));
			String postgres = project.compose(Duration.ofMinutes(1), "ps", "--quiet", "postgres").strip();
			project.docker(Duration.ofMinutes(1), "kill", "--signal", "KILL", postgres).requireSuccess();
			int committedBeforeKill = committed.size();
			ZViewerStack.sleep(Duration.ofSeconds(2));
			// A killed container is restarted by its restart policy; started here if the engine has not yet.
			project.compose(Duration.ofMinutes(2), "up", "--detach", "--wait", "--no-recreate", "postgres");
			restarted.set(true);
			awaitAssertion(Duration.ofSeconds(90),
					() -> assertThat(committedAfterRestart.get()).isGreaterThanOrEqualTo(10));
			report("kill -9 PostgreSQL: registrations committed before the kill, failed while it was down",
					committedBeforeKill + ", " + failed.get());
		}
		finally {
			stop.set(true);
			writer.join(Duration.ofSeconds(30));
		}
		String stored = psql("auth", "SELECT email FROM users WHERE email LIKE 'durable-%'");
		List<String> missing = new ArrayList<>();
		for (String address : committed) {
			if (!stored.contains(address + "\n")) {
				missing.add(address);
			}
		}
		assertThat(missing).as("answered 201 but not in the database").isEmpty();
	}

	/**
	 * A checksum and the row count of every table of every service's database ({@code database.table}), and the
	 * SHA-256, owner and mode of every file in the media volume ({@code file ./path}).
	 */
	private static Map<String, String> checksums() {
		Map<String, String> checksums = new LinkedHashMap<>();
		for (String database : DATABASES) {
			String rows = psql(database, """
					SELECT c.relname || ' ' || (xpath('/row/n/text()', x))[1]::text || ' ' || (xpath('/row/m/text()', x))[1]::text
					FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
					  LATERAL query_to_xml(format('SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E''\\n'' ORDER BY t::text), '''')) AS m FROM %I.%I t',
					    n.nspname, c.relname), false, true, '') AS x
					WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY c.relname""");
			rows.lines().filter((line) -> !line.isBlank()).forEach((line) -> {
				String[] fields = line.strip().split(" ", 2);
				checksums.put(database + "." + fields[0], fields[1]);
			});
		}
		String files = project.compose(Duration.ofMinutes(2), "run", "--rm", "--no-deps", "-T", "--entrypoint", "sh",
				"backup", "-c", "cd /var/lib/zviewer/media && find . -type f -printf '%p %U %m ' -exec sha256sum {} \\; "
						+ "| cut -d' ' -f1-4 | sort");
		files.lines().filter((line) -> line.startsWith("./")).forEach((line) -> {
			String[] fields = line.strip().split(" ", 2);
			checksums.put("file " + fields[0], fields[1]);
		});
		return checksums;
	}

	private static String psql(String database, String sql) {
		return project.compose(Duration.ofMinutes(1), "exec", "-T", "postgres", "psql", "--username=postgres",
				"--dbname=" + database, "--no-align", "--tuples-only", "--set=ON_ERROR_STOP=1", "--command=" + sql);
	}

	/** The SHA-256 of a media item's content as the gateway serves it to its owner. */
	private static String content(Session owner, long media) {
		try {
			HttpResponse<byte[]> response = http.send(
					bearer(get(GATEWAY + "/api/media/" + media + "/content"), owner.access()).build(),
					BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			return sha256(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
