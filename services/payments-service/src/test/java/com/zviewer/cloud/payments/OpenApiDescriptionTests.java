package com.zviewer.cloud.payments;

import com.zviewer.cloud.test.OpenApiDescriptionCheck;

/** The OpenAPI description that payments-service serves is the one its controllers make. */
@PaymentsServiceTest
class OpenApiDescriptionTests extends OpenApiDescriptionCheck {

}
