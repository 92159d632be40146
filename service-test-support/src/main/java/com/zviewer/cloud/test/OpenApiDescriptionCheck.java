package com.zviewer.cloud.test;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The check of {@link OpenApiDescription} as a test: a service's test class extends it and carries that service's
 * test annotation, so the check runs in the context the service's other tests share.
 */
public abstract class OpenApiDescriptionCheck {

	@LocalServerPort
	private int port;

	@Test
	void servesTheDescriptionOfItsControllers() throws IOException {
		OpenApiDescription.assertKeptDescriptionIsCurrent(this.port);
	}

}
