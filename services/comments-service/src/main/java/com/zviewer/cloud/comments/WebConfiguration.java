package com.zviewer.cloud.comments;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads request bodies strictly. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** A text field takes a JSON string only: {@code "text":42} is a wrong type (400), not the text "42". */
	@Bean
	JsonMapperBuilderCustomizer stringsOnlyFromJsonStrings() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual, (config) -> config
			.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
