package com.zviewer.cloud.payments;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.zviewer.cloud.test.OpenApiDescription;

/** The OpenAPI description that payments-service serves is the one its controllers make (see {@link OpenApiDescription}). */
@PaymentsServiceTest
class OpenApiDescriptionTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheDescriptionOfItsControllers() throws IOException {
		OpenApiDescription.assertKeptDescriptionIsCurrent(this.port);
	}

}
