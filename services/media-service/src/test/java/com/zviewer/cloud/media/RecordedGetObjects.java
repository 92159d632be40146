package com.zviewer.cloud.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Records the GetObject requests of every S3 client in the tests (the SDK loads it from
 * software/amazon/awssdk/global/handlers/execution.interceptors), so that a test can see which ranges were asked for.
 */
public class RecordedGetObjects implements ExecutionInterceptor {

	private static final List<GetObject> requests = new CopyOnWriteArrayList<>();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		if (context.request() instanceof GetObjectRequest request) {
			requests.add(new GetObject(request.key(), request.range()));
		}
	}

	/** The GetObject requests of the key so far. */
	static List<GetObject> of(String key) {
		return requests.stream().filter((request) -> request.key().equals(key)).toList();
	}

	record GetObject(String key, String range) {
	}

}
