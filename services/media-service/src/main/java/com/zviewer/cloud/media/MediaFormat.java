package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import com.zviewer.cloud.media.MediaItem.MediaType;

/**
 * The file formats media-service accepts, recognised by their content (magic bytes), never by their name.
 * <p>
 * Hand-written rather than Apache Tika: tika-core's magic database (800 kB, parsed into memory at first use) tells
 * MP4 from QuickTime only for the {@code mp41}/{@code mp42} brands, so the usual {@code isom} files of ffmpeg and
 * phones come out as video/quicktime, and it has no magic for WebM at all (only the Matroska parent type; the
 * container detectors that read the DocType come with tika-parsers). Six formats need a few header checks.
 */
enum MediaFormat {

	JPEG("image/jpeg", MediaType.IMAGE),

	PNG("image/png", MediaType.IMAGE),

	GIF("image/gif", MediaType.IMAGE),

	WEBP("image/webp", MediaType.IMAGE),

	MP4("video/mp4", MediaType.VIDEO),

	WEBM("video/webm", MediaType.VIDEO);

	/** How many leading bytes {@link #detect(byte[], int)} wants to see. */
	static final int HEAD_LENGTH = 4096;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private static final byte[] EBML_MAGIC = { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3 };

	private static final int EBML_DOC_TYPE = 0x4282;

	/** ISO base media brands of MP4 video (not QuickTime "qt  ", 3GPP, HEIF images or M4A audio). */
	private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7",
			"iso8", "iso9", "mp41", "mp42", "mp71", "avc1", "dash", "M4V ", "M4VH", "M4VP", "msnv");

	private final String contentType;

	private final MediaType mediaType;

	MediaFormat(String contentType, MediaType mediaType) {
		this.contentType = contentType;
		this.mediaType = mediaType;
	}

	String contentType() {
		return this.contentType;
	}

	MediaType mediaType() {
		return this.mediaType;
	}

	/** The format of a file from its first bytes (up to {@link #HEAD_LENGTH}), if it is one media-service accepts. */
	static Optional<MediaFormat> detect(byte[] head, int length) {
		if (startsWith(head, length, 0, new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF })) {
			return Optional.of(JPEG);
		}
		if (startsWith(head, length, 0, PNG_SIGNATURE)) {
			return Optional.of(PNG);
		}
		if (startsWith(head, length, 0, ascii("GIF87a")) || startsWith(head, length, 0, ascii("GIF89a"))) {
			return Optional.of(GIF);
		}
		if (startsWith(head, length, 0, ascii("RIFF")) && startsWith(head, length, 8, ascii("WEBPVP8"))) {
			return Optional.of(WEBP);
		}
		if (isMp4(head, length)) {
			return Optional.of(MP4);
		}
		if (isWebm(head, length)) {
			return Optional.of(WEBM);
		}
		return Optional.empty();
	}

	/** Reads the first bytes of a stream (not closing it) and detects its format. */
	static Optional<MediaFormat> detect(InputStream content) throws IOException {
		byte[] head = content.readNBytes(HEAD_LENGTH);
		return detect(head, head.length);
	}

	/** An ISO base media file whose first box is {@code ftyp} with an MP4 brand, major or compatible. */
	private static boolean isMp4(byte[] head, int length) {
		if (length < 16 || !startsWith(head, length, 4, ascii("ftyp"))) {
			return false;
		}
		long boxSize = uint32(head, 0);
		String major = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
		if (MP4_BRANDS.contains(major)) {
			return true;
		}
		if (major.equals("qt  ") || major.startsWith("M4A") || major.startsWith("M4B")) {
			return false;
		}
		int end = (int) Math.min(Math.min(boxSize, length), HEAD_LENGTH);
		for (int offset = 16; offset + 4 <= end; offset += 4) {
			String compatible = new String(head, offset, 4, StandardCharsets.ISO_8859_1);
			if (compatible.equals("mp41") || compatible.equals("mp42")) {
				return true;
			}
		}
		return false;
	}

	/** An EBML file whose header names the DocType "webm" (Matroska is refused). */
	private static boolean isWebm(byte[] head, int length) {
		if (!startsWith(head, length, 0, EBML_MAGIC)) {
			return false;
		}
		int[] read = new int[1];
		long headerSize = vint(head, length, 4, read, true);
		if (headerSize < 0) {
			return false;
		}
		int offset = 4 + read[0];
		long end = Math.min(length, offset + headerSize);
		while (offset < end) {
			long id = vint(head, length, offset, read, false);
			if (id < 0) {
				return false;
			}
			offset += read[0];
			long size = vint(head, length, offset, read, true);
			if (size < 0 || offset + read[0] + size > end) {
				return false;
			}
			offset += read[0];
			if (id == EBML_DOC_TYPE) {
				String docType = new String(head, offset, (int) size, StandardCharsets.US_ASCII).replace("\0", "");
				return docType.equals("webm");
			}
			offset += (int) size;
		}
		return false;
	}

	/**
	 * An EBML variable-length integer at the offset: element ids keep their length marker, sizes drop it. Returns -1
	 * when it does not fit, and puts its length in bytes in {@code read[0]}.
	 */
	static long vint(byte[] data, int length, int offset, int[] read, boolean dropMarker) {
		if (offset >= length) {
			return -1;
		}
		int first = data[offset] & 0xFF;
		int bytes = Integer.numberOfLeadingZeros(first) - 23;
		if (first == 0 || bytes > 8 || offset + bytes > length) {
			return -1;
		}
		long value = dropMarker ? (first & (0xFF >> bytes)) : first;
		for (int i = 1; i < bytes; i++) {
			value = (value << 8) | (data[offset + i] & 0xFF);
		}
		read[0] = bytes;
		return value;
	}

	private static long uint32(byte[] data, int offset) {
		return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
				| ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
	}

	private static boolean startsWith(byte[] data, int length, int offset, byte[] prefix) {
		return offset + prefix.length <= length
				&& Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
