package com.zviewer.cloud.payments;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.LuhnCheck;

/**
 * A card as a client sends it, to be tokenized by the provider at once: the number and CVC are never stored nor
 * logged ({@link #toString()} masks them).
 *
 * @param number 12 to 19 digits passing the Luhn check
 * @param expMonth 1 to 12
 * @param expYear four digits
 * @param cvc 3 or 4 digits
 */
record CardDetails(@NotNull @Pattern(regexp = "[0-9]{12,19}", message = "must be 12 to 19 digits") @LuhnCheck(
		message = "is not a valid card number (Luhn check)") String number,
		@NotNull @Min(1) @Max(12) Integer expMonth, @NotNull @Min(2000) @Max(2199) Integer expYear,
		@NotNull @Pattern(regexp = "[0-9]{3,4}", message = "must be 3 or 4 digits") String cvc) {

	/** Refuses (400) a card whose expiry month is over. */
	void checkNotExpired(Clock clock) {
		if (YearMonth.of(this.expYear, this.expMonth).isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
			throw Problems.badRequest("The card expired at the end of " + YearMonth.of(this.expYear, this.expMonth));
		}
	}

	String last4() {
		return this.number.substring(this.number.length() - 4);
	}

	@Override
	public String toString() {
		return "CardDetails[number=**** " + ((this.number != null && this.number.length() >= 4) ? last4() : "")
				+ ", expMonth=" + this.expMonth + ", expYear=" + this.expYear + ", cvc=***]";
	}

}
