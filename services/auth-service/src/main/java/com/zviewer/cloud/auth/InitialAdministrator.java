package com.zviewer.cloud.auth;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates the first administrator from {@code zviewer.auth.initial-admin.*} (set from the environment) when no
 * administrator exists yet. There is no built-in account or password: without those settings nobody is created, and an
 * operator promotes an account later.
 */
@Component
class InitialAdministrator implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(InitialAdministrator.class);

	private final AccountService accounts;

	private final UserAccountRepository users;

	private final AuthProperties properties;

	InitialAdministrator(AccountService accounts, UserAccountRepository users, AuthProperties properties) {
		this.accounts = accounts;
		this.users = users;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		AuthProperties.InitialAdmin admin = this.properties.getInitialAdmin();
		if (this.users.existsByRole(Role.ADMIN)) {
			return;
		}
		if (admin.getEmail() == null || admin.getEmail().isBlank() || admin.getPassword() == null
				|| admin.getPassword().isBlank()) {
			logger.warn("No administrator exists and none is configured (ZVIEWER_ADMIN_EMAIL, ZVIEWER_ADMIN_PASSWORD)");
			return;
		}
		try {
			UserAccount created = this.accounts.register(admin.getEmail().strip(), admin.getDisplayName(),
					admin.getPassword(), Role.ADMIN);
			logger.info("Created the first administrator, " + created.email());
		}
		catch (ResponseStatusException ex) {
			// Another replica made it first, or the email belongs to an ordinary account: never promote silently.
			logger.warn("Did not create the first administrator: " + ex.getReason());
		}
	}

}
