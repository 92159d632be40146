package com.zviewer.cloud.payments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static com.zviewer.cloud.payments.PaymentsApi.SUCCEEDS;
import static com.zviewer.cloud.payments.PaymentsApi.admin;
import static com.zviewer.cloud.payments.PaymentsApi.id;
import static com.zviewer.cloud.payments.PaymentsApi.key;
import static com.zviewer.cloud.payments.PaymentsApi.newUser;
import static com.zviewer.cloud.payments.PaymentsApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PaymentCompleted and PaymentRefunded reach a bound queue, also when RabbitMQ was down as they were committed. */
@PaymentsServiceTest
class OutboxTests extends PaymentsServiceTestSupport {

	static final String QUEUE = "test.payments";

	@Autowired
	AmqpAdmin amqp;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	RabbitMQContainer rabbitmq;

	@BeforeEach
	void bindQueue() {
		TopicExchange exchange = new TopicExchange(PaymentCompleted.EXCHANGE, true, false);
		Queue queue = new Queue(QUEUE, true);
		this.amqp.declareExchange(exchange);
		this.amqp.declareQueue(queue);
		this.amqp.declareBinding(BindingBuilder.bind(queue).to(exchange).with("payment.*"));
	}

	@Test
	void announcesCompletedAndRefundedPayments() {
		long owner = newUser();
		long payment = id(this.api.paid(user(owner), 1200, "EUR", SUCCEEDS));
		Message completed = receive("payment.completed", payment);
		assertThat(completed.getMessageProperties().getContentType()).isEqualTo("application/json");
		assertThat(completed.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(completed.getMessageProperties().getMessageId()).matches("[0-9a-f-]{36}");
		assertThat(completed.getMessageProperties().getType()).isEqualTo("PaymentCompleted");
		Map<String, Object> event = json(completed);
		assertThat(event).containsEntry("userId", (int) owner)
			.containsEntry("amount", 1200)
			.containsEntry("currency", "EUR")
			.containsKey("completedAt");

		this.api.refund(admin(), payment, 1200, key());
		Message refunded = receive("payment.refunded", payment);
		assertThat(refunded.getMessageProperties().getMessageId())
			.isNotEqualTo(completed.getMessageProperties().getMessageId());
		assertThat(json(refunded)).containsEntry("amount", 1200)
			.containsEntry("refundedAmount", 1200)
			.containsEntry("fullyRefunded", true);
		await().atMost(Duration.ofSeconds(10)).until(() -> count("outbox_events") == 0);
	}

	@Test
	void keepsEventsWhileRabbitMqIsDownAndPublishesThemOnceItIsBack() throws Exception {
		long owner = newUser();
		long payment;
		assertThat(this.rabbitmq.execInContainer("rabbitmqctl", "stop_app").getExitCode()).isZero();
		try {
			payment = id(this.api.paid(user(owner), 1300, "USD", SUCCEEDS));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.sql("SELECT attempts FROM outbox_events WHERE payload LIKE :payment")
					.param("payment", "%\"paymentId\":" + payment + ",%")
					.query(Integer.class)
					.optional()
					.orElse(0) >= 2);
			assertThat(this.api.get(user(owner), "/api/payments/" + payment).getBody()).containsEntry("status",
					"COMPLETED");
		}
		finally {
			assertThat(this.rabbitmq.execInContainer("rabbitmqctl", "start_app").getExitCode()).isZero();
		}
		assertThat(receive("payment.completed", payment)).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> count("outbox_events") == 0);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(Message message) {
		return JsonMapper.shared().readValue(message.getBody(), Map.class);
	}

	/** Waits for the event of the payment with the routing key, skipping others. */
	private Message receive(String routingKey, long paymentId) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message message = this.rabbit.receive(QUEUE, 1000);
			if (message == null) {
				return null;
			}
			String body = new String(message.getBody(), StandardCharsets.UTF_8);
			boolean match = routingKey.equals(message.getMessageProperties().getReceivedRoutingKey())
					&& body.contains("\"paymentId\":" + paymentId + ",");
			return match ? message : null;
		}, (message) -> message != null);
	}

}
