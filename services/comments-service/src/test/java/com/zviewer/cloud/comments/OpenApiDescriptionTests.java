package com.zviewer.cloud.comments;

import com.zviewer.cloud.test.OpenApiDescriptionCheck;

/** The OpenAPI description that comments-service serves is the one its controllers make. */
@CommentsServiceTest
class OpenApiDescriptionTests extends OpenApiDescriptionCheck {

}
