package com.zviewer.cloud.payments;

import java.time.Clock;
import java.util.List;

import com.zviewer.cloud.payments.PaymentProvider.CardToken;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saved payment methods. Each user's changes are serialised by a transaction-scoped advisory lock, so that the first
 * method becomes the default and a deleted default hands over to another even under concurrent requests; the partial
 * unique index {@code payment_methods_one_default_idx} guarantees at most one default whatever happens.
 */
@Service
class PaymentMethodService {

	private final PaymentMethodRepository methods;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PaymentProvider provider;

	private final PaymentsProperties properties;

	private final Clock clock;

	PaymentMethodService(PaymentMethodRepository methods, JdbcClient jdbc, TransactionTemplate transactions,
			PaymentProvider provider, PaymentsProperties properties, Clock clock) {
		this.methods = methods;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.provider = provider;
		this.properties = properties;
		this.clock = clock;
	}

	List<PaymentMethod> list(long userId) {
		return this.methods.findByUserIdOrderById(userId);
	}

	/** The user's own method; another's is as unknown as a missing one. */
	PaymentMethod owned(long userId, long id) {
		return this.methods.findById(id)
			.filter((method) -> method.userId() == userId)
			.orElseThrow(() -> Problems.notFound("payment method", id));
	}

	/** Tokenizes the card with the provider and saves it; the user's first method becomes the default. */
	PaymentMethod add(long userId, CardDetails card) {
		card.checkNotExpired(this.clock);
		CardToken token = this.provider.tokenize(card);
		return this.transactions.execute((transaction) -> {
			lockUser(userId);
			int max = this.properties.getMethods().getMaxPerUser();
			if (this.methods.countByUserId(userId) >= max) {
				throw Problems.conflict("At most " + max + " payment methods can be saved; delete one first");
			}
			boolean first = this.methods.findDefault(userId).isEmpty();
			return this.methods.save(new PaymentMethod(null, userId, this.provider.name(), token.token(),
					token.brand(), token.last4(), card.expMonth(), card.expYear(), first, this.clock.instant()));
		});
	}

	/** Deletes a method; if it was the default, the most recently added other one becomes the default. */
	void delete(long userId, long id) {
		this.transactions.executeWithoutResult((transaction) -> {
			lockUser(userId);
			PaymentMethod method = owned(userId, id);
			this.methods.deleteById(id);
			if (method.isDefault()) {
				this.jdbc
					.sql("UPDATE payment_methods SET is_default = TRUE WHERE id = (SELECT max(id) FROM payment_methods "
							+ "WHERE user_id = :user)")
					.param("user", userId)
					.update();
			}
		});
	}

	/** Makes a method the user's default, and no other. */
	PaymentMethod makeDefault(long userId, long id) {
		return this.transactions.execute((transaction) -> {
			lockUser(userId);
			owned(userId, id);
			this.jdbc.sql("UPDATE payment_methods SET is_default = FALSE WHERE user_id = :user AND is_default AND id <> :id")
				.param("user", userId)
				.param("id", id)
				.update();
			this.jdbc.sql("UPDATE payment_methods SET is_default = TRUE WHERE id = :id").param("id", id).update();
			return owned(userId, id);
		});
	}

	/** Serialises one user's changes to methods (and subscriptions) until the transaction ends. */
	void lockUser(long userId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:user)").param("user", userId).query().singleRow();
	}

}
