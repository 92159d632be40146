package com.zviewer.cloud.media;

import com.zviewer.cloud.test.OpenApiDescriptionCheck;

/** The OpenAPI description that media-service serves is the one its controllers make. */
@MediaServiceTest
class OpenApiDescriptionTests extends OpenApiDescriptionCheck {

}
