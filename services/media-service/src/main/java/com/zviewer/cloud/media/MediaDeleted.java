package com.zviewer.cloud.media;

import java.time.Instant;

/**
 * Announced on RabbitMQ when a media item is deleted, so that other services (comments-service) can forget it: JSON
 * on the topic exchange {@value #EXCHANGE} with routing key {@value #ROUTING_KEY}, persistent, its message id the
 * event's id. Delivered at least once: a consumer may see an event twice.
 *
 * @param mediaId the deleted item
 * @param ownerId its owner
 * @param deletedAt when it was deleted
 */
record MediaDeleted(long mediaId, long ownerId, Instant deletedAt) {

	static final String EXCHANGE = "zviewer.media";

	static final String ROUTING_KEY = "media.deleted";

}
