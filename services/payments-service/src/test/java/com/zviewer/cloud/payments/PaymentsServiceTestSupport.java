package com.zviewer.cloud.payments;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every {@link PaymentsServiceTest} class uses: the API as a client sees it, the database and the clock. */
abstract class PaymentsServiceTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	PaymentsApi api;

	@BeforeEach
	void createApi() {
		this.api = new PaymentsApi(this.port);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	String providerPaymentId(long paymentId) {
		return this.jdbc.sql("SELECT provider_payment_id FROM payments WHERE id = :id")
			.param("id", paymentId)
			.query(String.class)
			.single();
	}

}
