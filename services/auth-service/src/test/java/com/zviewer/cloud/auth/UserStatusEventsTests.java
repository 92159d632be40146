package com.zviewer.cloud.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UserStatusChanged reaches a queue bound to {@value UserStatusChanged#EXCHANGE}: once for each status an account
 * actually moves to, never for the same status again nor for a refused change. The outbox publishes in the order of
 * the changes, so a message that should not exist would show up between those that should.
 */
@AuthServiceTest
class UserStatusEventsTests {

	static final String QUEUE = "test.users";

	@LocalServerPort
	int port;

	@Autowired
	AmqpAdmin amqp;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void bindQueue() {
		TopicExchange exchange = new TopicExchange(UserStatusChanged.EXCHANGE, true, false);
		Queue queue = new Queue(QUEUE, true);
		this.amqp.declareExchange(exchange);
		this.amqp.declareQueue(queue);
		this.amqp.declareBinding(BindingBuilder.bind(queue).to(exchange).with("user.*"));
	}

	@Test
	void announcesEachNewStatusOnceAndNothingElse() {
		String admin = admin();
		long userId = newUser();

		assertProblem(status(admin, userId, "{\"status\":\"BANNED\"}"), HttpStatus.BAD_REQUEST, "ban without reason");
		assertThat(status(admin, userId, "{\"status\":\"ACTIVE\"}").getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<Map<String, Object>> banned = status(admin, userId,
				"{\"status\":\"BANNED\",\"reason\":\"  spam  \"}");
		assertThat(banned.getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<Map<String, Object>> bannedAgain = status(admin, userId,
				"{\"status\":\"BANNED\",\"reason\":\"more spam\"}");
		assertThat(bannedAgain.getBody()).containsEntry("status", "BANNED").containsEntry("statusReason", "more spam");
		assertProblem(status(admin, userId, "{\"status\":\"SUSPENDED\",\"reason\":\" \"}"), HttpStatus.BAD_REQUEST,
				"suspension with a blank reason");
		ResponseEntity<Map<String, Object>> activated = status(admin, userId, "{\"status\":\"ACTIVE\"}");
		assertThat(activated.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(status(admin, userId, "{\"status\":\"ACTIVE\"}").getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<Map<String, Object>> suspended = status(admin, userId,
				"{\"status\":\"SUSPENDED\",\"reason\":\"cooling off\"}");
		assertThat(suspended.getStatusCode()).isEqualTo(HttpStatus.OK);

		List<Message> messages = receiveUntil(userId, UserStatusChanged.SUSPENDED_ROUTING_KEY);
		assertThat(messages).extracting((message) -> message.getMessageProperties().getReceivedRoutingKey())
			.containsExactly("user.banned", "user.activated", "user.suspended");
		assertThat(messages).allSatisfy((message) -> {
			assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
			assertThat(message.getMessageProperties().getReceivedDeliveryMode())
				.isEqualTo(MessageDeliveryMode.PERSISTENT);
			assertThat(message.getMessageProperties().getType()).isEqualTo("UserStatusChanged");
			assertThat(message.getMessageProperties().getAppId()).isEqualTo("auth-service");
			assertThat(UUID.fromString(message.getMessageProperties().getMessageId())).isNotNull();
		});
		assertThat(messages).extracting((message) -> message.getMessageProperties().getMessageId())
			.doesNotHaveDuplicates();

		assertThat(json(messages.get(0))).containsOnlyKeys("userId", "status", "reason", "changedAt")
			.containsEntry("userId", (int) userId)
			.containsEntry("status", "BANNED")
			.containsEntry("reason", "spam")
			.containsEntry("changedAt", banned.getBody().get("updatedAt"));
		assertThat(json(messages.get(1))).containsOnlyKeys("userId", "status", "reason", "changedAt")
			.containsEntry("userId", (int) userId)
			.containsEntry("status", "ACTIVE")
			.containsEntry("reason", null)
			.containsEntry("changedAt", activated.getBody().get("updatedAt"));
		assertThat(json(messages.get(2))).containsEntry("status", "SUSPENDED")
			.containsEntry("reason", "cooling off")
			.containsEntry("changedAt", suspended.getBody().get("updatedAt"));
		await().atMost(Duration.ofSeconds(10)).until(() -> outboxEvents() == 0);
	}

	@Test
	void aChangeThatIsRefusedOrNotAllowedAnnouncesNothing() {
		String admin = admin();
		long userId = newUser();
		String user = AuthApi.access(api().login(email(userId), "correct horse battery").getBody());

		assertProblem(status(admin, userId, "{\"status\":\"BANNED\"}"), HttpStatus.BAD_REQUEST, "no reason");
		assertProblem(status(admin, userId, "{\"status\":\"GONE\",\"reason\":\"x\"}"), HttpStatus.BAD_REQUEST,
				"unknown status");
		assertProblem(status(admin, userId, "{\"status\":\"BANNED\",\"reason\":\"" + "x".repeat(501) + "\"}"),
				HttpStatus.BAD_REQUEST, "reason too long");
		assertProblem(status(user, userId, "{\"status\":\"BANNED\",\"reason\":\"self\"}"), HttpStatus.FORBIDDEN,
				"not an administrator");
		assertProblem(status(admin, 999_999_999, "{\"status\":\"BANNED\",\"reason\":\"spam\"}"),
				HttpStatus.NOT_FOUND, "unknown account");
		assertThat(api().get("/internal/users/" + userId, admin).getBody()).containsEntry("status", "ACTIVE");

		// Then a real change: the first message about this account is its own.
		assertThat(status(admin, userId, "{\"status\":\"BANNED\",\"reason\":\"spam\"}").getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(receiveUntil(userId, UserStatusChanged.BANNED_ROUTING_KEY)).hasSize(1);
	}

	private ResponseEntity<Map<String, Object>> status(String token, long userId, String body) {
		return api().put("/internal/users/" + userId + "/status", body, token);
	}

	/**
	 * The messages about the account, in the order they arrive, up to the first with the routing key (skipping those
	 * about other accounts).
	 */
	private List<Message> receiveUntil(long userId, String lastRoutingKey) {
		List<Message> received = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message message = this.rabbit.receive(QUEUE, 1000);
			if (message != null && ((Number) json(message).get("userId")).longValue() == userId) {
				received.add(message);
				return lastRoutingKey.equals(message.getMessageProperties().getReceivedRoutingKey());
			}
			return false;
		});
		return received;
	}

	private long outboxEvents() {
		return this.jdbc.sql("SELECT count(*) FROM outbox_events").query(Long.class).single();
	}

	private String email(long userId) {
		return this.jdbc.sql("SELECT email FROM users WHERE id = :id").param("id", userId).query(String.class).single();
	}

	private long newUser() {
		Map<String, Object> tokens = api().signUp(UUID.randomUUID() + "@example.com");
		return ((Number) api().get("/api/users/me", AuthApi.access(tokens)).getBody().get("id")).longValue();
	}

	private String admin() {
		ResponseEntity<Map<String, Object>> tokens = api().login("root@example.com", "first admin password");
		assertThat(tokens.getStatusCode()).isEqualTo(HttpStatus.OK);
		return AuthApi.access(tokens.getBody());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(Message message) {
		return JsonMapper.shared().readValue(new String(message.getBody(), StandardCharsets.UTF_8), Map.class);
	}

	private AuthApi api() {
		return AuthApi.on(this.port);
	}

}
