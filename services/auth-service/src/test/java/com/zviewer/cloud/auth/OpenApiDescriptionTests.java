package com.zviewer.cloud.auth;

import com.zviewer.cloud.test.OpenApiDescriptionCheck;

/** The OpenAPI description that auth-service serves is the one its controllers make. */
@AuthServiceTest
class OpenApiDescriptionTests extends OpenApiDescriptionCheck {

}
