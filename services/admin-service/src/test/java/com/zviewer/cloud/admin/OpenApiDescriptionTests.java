package com.zviewer.cloud.admin;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.test.OpenApiDescription;

/** The OpenAPI description that admin-service serves is the one its controllers make (see {@link OpenApiDescription}). */
class OpenApiDescriptionTests extends AdminServiceTestSupport {

	@Test
	void servesTheDescriptionOfItsControllers() throws IOException {
		OpenApiDescription.assertKeptDescriptionIsCurrent(this.port);
	}

}
