package com.zviewer.cloud.comments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.zviewer.cloud.starter.security.Caller;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

import static com.zviewer.cloud.comments.CommentsApi.id;
import static com.zviewer.cloud.comments.CommentsApi.moderator;
import static com.zviewer.cloud.comments.CommentsApi.newMedia;
import static com.zviewer.cloud.comments.CommentsApi.newUser;
import static com.zviewer.cloud.comments.CommentsApi.user;
import static com.zviewer.cloud.test.TestHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Comments only on media the author can see at media-service, and gone with their media item. */
@CommentsServiceTest
class MediaConsistencyTests extends CommentsServiceTestSupport {

	@Autowired
	RabbitTemplate rabbit;

	@Test
	void refusesCommentsOnMediaTheAuthorCannotSee() {
		long author = newUser();
		long hidden = MediaServiceStandIn.HIDDEN_FROM + newUser() % 1000;
		assertProblem(this.api.comment(user(author), hidden, "Hidden"), HttpStatus.UNPROCESSABLE_CONTENT, "not visible");
		assertProblem(this.api.comment(user(author), MediaServiceStandIn.FORBIDDEN, "Forbidden"),
				HttpStatus.UNPROCESSABLE_CONTENT, "forbidden");
		assertProblem(this.api.comment(user(author), MediaServiceStandIn.FAILING, "Failing"), HttpStatus.BAD_GATEWAY,
				"media-service fails");
		assertThat(this.api.total(null, "/api/comments?mediaId=" + hidden)).isZero();
		assertThat(this.api.get(null, "/api/comments/counts/users/" + author).getBody()).containsEntry("count", 0);
	}

	@Test
	void answers503WhenMediaServiceCannotBeReached(@Autowired @LoadBalanced RestClient.Builder loadBalanced) {
		MediaCatalog unregistered = new MediaCatalog(loadBalanced, "http://unregistered-service");
		Caller caller = new Caller(1L, "Ann", false, false, "token");
		assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(() -> unregistered.checkVisible(1, caller))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
	}

	@Test
	void removesEveryCommentOfMediaThatMediaServiceDeleted() {
		long media = newMedia();
		long kept = newMedia();
		String ann = user(newUser());
		long top = id(this.api.commented(ann, media, "Going"));
		this.api.replied(user(newUser()), top, "Gone");
		this.api.commented(ann, media, "spam, held for moderation");
		long deleted = id(this.api.commented(ann, media, "Deleted already"));
		this.api.delete(ann, deleted);
		this.api.commented(ann, kept, "Staying");

		Message announcement = MessageBuilder
			.withBody(("{\"mediaId\":" + media + ",\"ownerId\":5,\"deletedAt\":\"2026-01-01T00:00:00Z\"}")
				.getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.build();
		// Announced twice, as an at-least-once publisher may: the second changes nothing.
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY, announcement);
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY, announcement);
		String staff = moderator();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.api.total(staff, "/api/comments?mediaId=" + media)).isZero());
		assertProblem(this.api.get(staff, "/api/comments/" + top), HttpStatus.NOT_FOUND, "gone for staff too");
		assertThat(this.api.get(null, "/api/comments/counts?mediaId=" + media).getBody())
			.isEqualTo(Map.of(Long.toString(media), 0));
		assertThat(this.api.total(null, "/api/comments?mediaId=" + kept)).isEqualTo(1);
		// media-service (the stand-in) still shows the item: the announcement alone keeps new comments off it.
		assertProblem(this.api.comment(ann, media, "Too late"), HttpStatus.UNPROCESSABLE_CONTENT, "deleted media");

		// An unreadable announcement is dropped, not retried for ever, and the listener goes on.
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY,
				MessageBuilder.withBody("not json".getBytes(StandardCharsets.UTF_8)).build());
		long later = newMedia();
		this.api.commented(ann, later, "Later");
		this.rabbit.send(MediaDeletedListener.EXCHANGE, MediaDeletedListener.ROUTING_KEY, MessageBuilder
			.withBody(("{\"mediaId\":" + later + ",\"ownerId\":5}").getBytes(StandardCharsets.UTF_8))
			.build());
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.api.total(null, "/api/comments?mediaId=" + later)).isZero());
	}

}
