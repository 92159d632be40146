package com.zviewer.cloud.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.zviewer.cloud.media.MediaApi.admin;
import static com.zviewer.cloud.media.MediaApi.id;
import static com.zviewer.cloud.media.MediaApi.moderator;
import static com.zviewer.cloud.media.MediaApi.newUser;
import static com.zviewer.cloud.media.MediaApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deletion: files, thumbnail and row go, and MediaDeleted reaches RabbitMQ, even after an outage of the broker. */
@MediaServiceTest
class DeletionTests extends MediaServiceTestSupport {

	static final String QUEUE = "test.media-deleted";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MediaStorage storage;

	@Autowired
	AmqpAdmin amqp;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	RabbitMQContainer rabbitmq;

	@BeforeEach
	void setUp() {
		TopicExchange exchange = new TopicExchange(MediaDeleted.EXCHANGE, true, false);
		Queue queue = new Queue(QUEUE, true);
		this.amqp.declareExchange(exchange);
		this.amqp.declareQueue(queue);
		Binding binding = BindingBuilder.bind(queue).to(exchange).with(MediaDeleted.ROUTING_KEY);
		this.amqp.declareBinding(binding);
	}

	@Test
	void deletesFilesThumbnailAndRowAndAnnouncesIt() {
		long owner = newUser();
		Map<String, Object> item = this.api.uploaded(user(owner), TestMedia.png(100, 100), "a.png", "Doomed");
		String uri = "/api/media/" + id(item);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "READY".equals(this.api.get(user(owner), uri).getBody().get("thumbnailStatus")));
		String key = storageKey(id(item));
		String thumbnail = MediaItem.thumbnailKey(key);
		assertThat(this.storage.find(key)).isPresent();
		assertThat(this.storage.find(thumbnail)).isPresent();
		Instant before = Instant.now();

		assertThat(this.api.send("DELETE", user(owner), uri, null, null).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertProblem(this.api.get(user(owner), uri), HttpStatus.NOT_FOUND, "deleted item");
		assertProblem(this.api.get(user(owner), uri + "/content"), HttpStatus.NOT_FOUND, "deleted content");
		assertThat(this.storage.find(key)).isEmpty();
		assertThat(this.storage.find(thumbnail)).isEmpty();
		assertProblem(this.api.send("DELETE", user(owner), uri, null, null), HttpStatus.NOT_FOUND, "deleted twice");

		Message message = receive(id(item));
		assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
		assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo("media.deleted");
		assertThat(message.getMessageProperties().getMessageId()).isNotBlank();
		Map<?, ?> event = JsonMapper.shared().readValue(message.getBody(), Map.class);
		assertThat(event.get("ownerId")).isEqualTo((int) owner);
		assertThat(Instant.parse((String) event.get("deletedAt"))).isBetween(before, Instant.now());
		await().atMost(Duration.ofSeconds(5)).until(() -> outboxSize() == 0);
	}

	@Test
	void onlyTheOwnerOrAnAdminDeletes() {
		long owner = newUser();
		String uri = "/api/media/" + id(this.api.uploaded(user(owner), TestMedia.png(10, 10), "a.png", "Mine"));
		assertProblem(this.api.send("DELETE", user(newUser()), uri, null, null), HttpStatus.NOT_FOUND,
				"another user, pending item");
		this.api.json("PUT", moderator(), uri + "/moderation", "{\"status\":\"APPROVED\"}");
		assertProblem(this.api.send("DELETE", user(newUser()), uri, null, null), HttpStatus.FORBIDDEN,
				"another user, approved item");
		assertProblem(this.api.send("DELETE", moderator(), uri, null, null), HttpStatus.FORBIDDEN, "a moderator");
		assertProblem(this.api.send("DELETE", null, uri, null, null), HttpStatus.UNAUTHORIZED, "anonymous");
		assertProblem(this.api.send("DELETE", admin(), "/api/media/987654321", null, null), HttpStatus.NOT_FOUND,
				"unknown item");
		assertThat(this.api.get(null, uri).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.api.send("DELETE", admin(), uri, null, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(receive(Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1)))).isNotNull();
	}

	@Test
	void announcesDeletionsMadeWhileRabbitMqIsDownOnceItIsBack() throws Exception {
		long owner = newUser();
		String uri = "/api/media/" + id(this.api.uploaded(user(owner), TestMedia.webm(), "a.webm", "Outage"));
		long id = Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1));
		assertThat(this.rabbitmq.execInContainer("rabbitmqctl", "stop_app").getExitCode()).isZero();
		try {
			assertThat(this.api.send("DELETE", user(owner), uri, null, null).getStatusCode())
				.isEqualTo(HttpStatus.NO_CONTENT);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.sql("SELECT attempts FROM outbox_events WHERE payload LIKE :id")
					.param("id", "%\"mediaId\":" + id + ",%")
					.query(Integer.class)
					.optional()
					.orElse(0) >= 2);
			assertProblem(this.api.get(user(owner), uri), HttpStatus.NOT_FOUND, "deleted during the outage");
		}
		finally {
			assertThat(this.rabbitmq.execInContainer("rabbitmqctl", "start_app").getExitCode()).isZero();
		}
		assertThat(receive(id)).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> outboxSize() == 0);
	}

	/** Waits for the MediaDeleted of the item, skipping those of other tests' items. */
	private Message receive(long mediaId) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message message = this.rabbit.receive(QUEUE, 1000);
			if (message == null) {
				return null;
			}
			String body = new String(message.getBody(), StandardCharsets.UTF_8);
			return body.contains("\"mediaId\":" + mediaId + ",") ? message : null;
		}, (message) -> message != null);
	}

	private long outboxSize() {
		return this.jdbc.sql("SELECT count(*) FROM outbox_events").query(Long.class).single();
	}

	private String storageKey(long id) {
		return this.jdbc.sql("SELECT storage_key FROM media_items WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

}
