package com.zviewer.cloud.media;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/** What every {@link MediaServiceTest} class uses: the port the service listens on and its API as a client sees it. */
abstract class MediaServiceTestSupport {

	@LocalServerPort
	int port;

	MediaApi api;

	@BeforeEach
	void createApi() {
		this.api = new MediaApi(this.port);
	}

}
