package com.zviewer.cloud.comments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.zviewer.cloud.test.RabbitContainerConfiguration;
import com.zviewer.cloud.test.ServiceIntegrationTest;
import com.zviewer.cloud.test.TestHttp;

import static com.zviewer.cloud.test.TestHttp.JSON;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@Import(RabbitContainerConfiguration.class)
class CommentsServiceTests {

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	@Test
	void removesTheCommentsOfMediaThatMediaServiceDeleted() {
		post("{\"mediaId\":21,\"author\":\"ada\",\"body\":\"Going\"}");
		post("{\"mediaId\":21,\"author\":\"bob\",\"body\":\"Gone\"}");
		post("{\"mediaId\":22,\"author\":\"bob\",\"body\":\"Staying\"}");
		Message announcement = MessageBuilder
			.withBody("{\"mediaId\":21,\"ownerId\":5,\"deletedAt\":\"2026-01-01T00:00:00Z\"}"
				.getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.build();
		// Announced twice, as an at-least-once publisher may: the second changes nothing.
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY, announcement);
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY, announcement);
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(TestHttp.totalElements(http(), "/api/comments?mediaId=21")).isZero());
		assertThat(TestHttp.totalElements(http(), "/api/comments?mediaId=22")).isEqualTo(1);

		// An unreadable announcement is dropped, not retried for ever, and the listener goes on.
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY,
				MessageBuilder.withBody("not json".getBytes(StandardCharsets.UTF_8)).build());
		post("{\"mediaId\":23,\"author\":\"ada\",\"body\":\"Later\"}");
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY, MessageBuilder
			.withBody("{\"mediaId\":23,\"ownerId\":5}".getBytes(StandardCharsets.UTF_8))
			.build());
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(TestHttp.totalElements(http(), "/api/comments?mediaId=23")).isZero());
	}

	@Test
	void storesCommentsAndListsThemByMediaInOrder() {
		ResponseEntity<Map<String, Object>> first = post("{\"mediaId\":7,\"author\":\"ada\",\"body\":\"<b>Nice</b>\"}");
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(post("{\"mediaId\":7,\"author\":\"bob\",\"body\":\"Agreed\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(post("{\"mediaId\":8,\"author\":\"bob\",\"body\":\"Elsewhere\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		assertThat(http().get().uri(first.getHeaders().getLocation()).retrieve().body(JSON))
			.containsEntry("body", "<b>Nice</b>")
			.containsEntry("mediaId", 7);
		List<?> content = (List<?>) http().get().uri("/api/comments?mediaId=7").retrieve().body(JSON).get("content");
		assertThat(content.stream().map((comment) -> String.valueOf(((Map<?, ?>) comment).get("author"))))
			.containsExactly("ada", "bob");
	}

	@Test
	void refusesBadInputWithProblemDetailsAndStoresNothing() {
		long before = TestHttp.totalElements(http(), "/api/comments?mediaId=9");
		for (String body : List.of("{\"mediaId\":9,\"author\":\"ada\",\"body\":\"\"}",
				"{\"mediaId\":9,\"author\":\"ada\",\"body\":\"" + "x".repeat(1001) + "\"}",
				"{\"mediaId\":-1,\"author\":\"ada\",\"body\":\"hi\"}", "{\"author\":\"ada\",\"body\":\"hi\"}",
				"{\"mediaId\":\"nine\",\"author\":\"ada\",\"body\":\"hi\"}")) {
			assertProblem(post(body), HttpStatus.BAD_REQUEST, body);
		}
		assertProblem(http().get().uri("/api/comments").retrieve().toEntity(JSON), HttpStatus.BAD_REQUEST,
				"no mediaId");
		assertProblem(http().get().uri("/api/comments/999999").retrieve().toEntity(JSON), HttpStatus.NOT_FOUND,
				"unknown id");
		assertThat(TestHttp.totalElements(http(), "/api/comments?mediaId=9")).isEqualTo(before);
	}

	private ResponseEntity<Map<String, Object>> post(String body) {
		return TestHttp.postJson(http(), "/api/comments", body);
	}

	private RestClient http() {
		return TestHttp.localhost(this.port);
	}

}
