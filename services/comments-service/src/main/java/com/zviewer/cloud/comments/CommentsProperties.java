package com.zviewer.cloud.comments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of comments-service, from config-repo/comments-service.yml. A mutable bean, so that a change announced on
 * the bus rebinds it in place on every replica with no restart; every value is read anew by each request.
 */
@Validated
@ConfigurationProperties("zviewer.comments")
public class CommentsProperties {

	/** Longest comment accepted, in characters (Unicode code points) after leading and trailing white space go. */
	@Min(1)
	@Max(10_000)
	private int maxLength = 1000;

	/** Most replies a comment may have (its direct replies that are not deleted). */
	@Min(0)
	private int maxReplies = 100;

	@Valid
	private final RateLimit rateLimit = new RateLimit();

	@Valid
	private final Moderation moderation = new Moderation();

	public int getMaxLength() {
		return this.maxLength;
	}

	public void setMaxLength(int maxLength) {
		this.maxLength = maxLength;
	}

	public int getMaxReplies() {
		return this.maxReplies;
	}

	public void setMaxReplies(int maxReplies) {
		this.maxReplies = maxReplies;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public Moderation getModeration() {
		return this.moderation;
	}

	/**
	 * How many comments (replies included) one user may write within a sliding window; counted in the database, so the
	 * limit holds whichever replica takes each request.
	 */
	public static class RateLimit {

		@Min(1)
		private int maxComments = 10;

		@NotNull
		private Duration window = Duration.ofMinutes(1);

		public int getMaxComments() {
			return this.maxComments;
		}

		public void setMaxComments(int maxComments) {
			this.maxComments = maxComments;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		@AssertTrue(message = "must be at least one second")
		public boolean isWindowValid() {
			return this.window == null || this.window.compareTo(Duration.ofSeconds(1)) >= 0;
		}

	}

	/** What holds a comment back for a moderator (status FLAGGED). */
	public static class Moderation {

		/** Words (or phrases) that flag a comment, matched as whole words, ignoring case. */
		@NotNull
		private List<String> flaggedWords = new ArrayList<>();

		/** Regular expressions (java.util.regex) that flag a comment when found anywhere in it, ignoring case. */
		@NotNull
		private List<String> flaggedPatterns = new ArrayList<>();

		/** Reports by different users, since the last moderator's decision, that flag a comment. */
		@Min(1)
		private int reportsToFlag = 3;

		public List<String> getFlaggedWords() {
			return this.flaggedWords;
		}

		public void setFlaggedWords(List<String> flaggedWords) {
			this.flaggedWords = flaggedWords;
		}

		public List<String> getFlaggedPatterns() {
			return this.flaggedPatterns;
		}

		public void setFlaggedPatterns(List<String> flaggedPatterns) {
			this.flaggedPatterns = flaggedPatterns;
		}

		public int getReportsToFlag() {
			return this.reportsToFlag;
		}

		public void setReportsToFlag(int reportsToFlag) {
			this.reportsToFlag = reportsToFlag;
		}

		@AssertTrue(message = "every flagged pattern must be a valid regular expression")
		public boolean isFlaggedPatternsValid() {
			try {
				this.flaggedPatterns.forEach(Pattern::compile);
				return true;
			}
			catch (PatternSyntaxException ex) {
				return false;
			}
		}

	}

}
