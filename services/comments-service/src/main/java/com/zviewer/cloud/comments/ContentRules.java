package com.zviewer.cloud.comments;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import org.springframework.stereotype.Component;

/**
 * What a comment's text must be, with the settings of the moment (read on every call, so a change in config-repo
 * applies to the next comment):
 * <ul>
 * <li>Plain text of 1 to {@code max-length} characters once white space is stripped from both ends, line ends made
 * {@code \n}, and no control characters but line ends and tabs.</li>
 * <li>No HTML: the text must read the same whether shown as text or rendered as HTML. jsoup parses it as an HTML body
 * fragment, as a browser would, and any markup (elements, end tags, comments, character references such as
 * {@code &lt;}) is refused with 400 rather than escaped or stripped, so that what is stored is exactly what its author
 * typed and no client can be tricked by it. Text such as "a &lt; b" or "&lt;3" is not markup and passes.</li>
 * <li>Text matching a flagged word (whole words, ignoring case) or pattern is held for a moderator.</li>
 * </ul>
 */
@Component
class ContentRules {

	private final CommentsProperties properties;

	ContentRules(CommentsProperties properties) {
		this.properties = properties;
	}

	/** The text to store, or a 400 problem saying what is wrong with it. */
	String text(String raw) {
		return plainText(raw, "The text", this.properties.getMaxLength());
	}

	/** A reason given with a report or a moderation decision: plain text of 1 to {@code max} characters. */
	static String reason(String raw, int max) {
		return plainText(raw, "The reason", max);
	}

	private static String plainText(String raw, String what, int max) {
		if (raw == null) {
			throw Problems.badRequest(what + " is missing");
		}
		String text = raw.replace("\r\n", "\n").replace('\r', '\n').strip();
		int length = text.codePointCount(0, text.length());
		if (length == 0) {
			throw Problems.badRequest(what + " is empty");
		}
		if (length > max) {
			throw Problems.badRequest(what + " has " + length + " characters; at most " + max + " are accepted");
		}
		if (text.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
			throw Problems.badRequest(what + " contains control characters");
		}
		if (!readsAsPlainText(text)) {
			throw Problems.badRequest(what + " contains HTML markup; comments are plain text");
		}
		return text;
	}

	/** Whether parsing the text as HTML gives back exactly its characters, as text alone. */
	static boolean readsAsPlainText(String text) {
		Element body = Jsoup.parseBodyFragment(text).body();
		StringBuilder parsed = new StringBuilder();
		for (Node node : body.childNodes()) {
			if (!(node instanceof TextNode textNode)) {
				return false;
			}
			parsed.append(textNode.getWholeText());
		}
		return parsed.toString().equals(text);
	}

	/** Why the text is held for a moderator, if a flagged word or pattern matches it. */
	Optional<String> flagReason(String text) {
		CommentsProperties.Moderation moderation = this.properties.getModeration();
		List<String> words = moderation.getFlaggedWords().stream().filter((word) -> !word.isBlank()).toList();
		if (!words.isEmpty()) {
			String alternatives = words.stream().map((word) -> Pattern.quote(word.strip()))
				.collect(Collectors.joining("|"));
			Matcher matcher = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
					Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
			if (matcher.find()) {
				return Optional.of("Held for moderation: contains the flagged word \"" + matcher.group() + "\"");
			}
		}
		for (String pattern : moderation.getFlaggedPatterns()) {
			if (Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find()) {
				return Optional.of("Held for moderation: matches a flagged pattern");
			}
		}
		return Optional.empty();
	}

}
