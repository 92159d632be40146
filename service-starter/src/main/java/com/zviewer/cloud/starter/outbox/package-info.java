/**
 * A transactional outbox: events written in the transaction of their change, published to RabbitMQ later.
 */
package com.zviewer.cloud.starter.outbox;
