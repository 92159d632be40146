package com.zviewer.cloud.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Duration and picture size of a video, read from its container's header with a few small reads and seeks, never
 * decoding it: the {@code mvhd} and {@code tkhd} boxes of MP4 (wherever the {@code moov} box is, start or end) and the
 * {@code Info} and {@code Tracks} elements of WebM. Anything unexpected gives {@link MediaMetadata#UNKNOWN} fields
 * rather than an error: these are nice-to-have metadata.
 */
final class VideoHeaders {

	private static final int MAX_ELEMENTS = 10_000;

	// EBML (WebM) element ids, with their length markers.
	private static final long SEGMENT = 0x18538067L;

	private static final long INFO = 0x1549A966L;

	private static final long TIMECODE_SCALE = 0x2AD7B1L;

	private static final long DURATION = 0x4489L;

	private static final long TRACKS = 0x1654AE6BL;

	private static final long TRACK_ENTRY = 0xAEL;

	private static final long VIDEO = 0xE0L;

	private static final long PIXEL_WIDTH = 0xB0L;

	private static final long PIXEL_HEIGHT = 0xBAL;

	private static final long CLUSTER = 0x1F43B675L;

	private VideoHeaders() {
	}

	static MediaMetadata read(MediaFormat format, SeekableByteChannel channel) {
		try {
			return switch (format) {
				case MP4 -> new Mp4(channel).read();
				case WEBM -> new Webm(channel).read();
				default -> MediaMetadata.UNKNOWN;
			};
		}
		catch (IOException | RuntimeException ex) {
			return MediaMetadata.UNKNOWN;
		}
	}

	private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		channel.position(position);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				break;
			}
		}
		return buffer.flip();
	}

	/** ISO base media: boxes of a 32-bit size (1: a 64-bit size follows, 0: to the end) and a four-letter type. */
	private record Mp4(SeekableByteChannel channel) {

		MediaMetadata read() throws IOException {
			long[] moov = find(0, this.channel.size(), "moov");
			if (moov == null) {
				return MediaMetadata.UNKNOWN;
			}
			Long duration = null;
			Integer width = null;
			Integer height = null;
			int elements = 0;
			for (long position = moov[0]; position < moov[1] && elements++ < MAX_ELEMENTS;) {
				long[] box = box(position, moov[1]);
				if (box == null) {
					break;
				}
				String type = type(position);
				if (type.equals("mvhd")) {
					duration = movieDuration(box[0]);
				}
				else if (type.equals("trak") && width == null) {
					long[] tkhd = find(box[0], box[1], "tkhd");
					if (tkhd != null) {
						int[] size = trackSize(tkhd[0]);
						if (size != null) {
							width = size[0];
							height = size[1];
						}
					}
				}
				position = box[1];
			}
			return new MediaMetadata(width, height, duration);
		}

		/** The content range (start, end) of the first box of the type between start and end. */
		private long[] find(long start, long end, String wanted) throws IOException {
			int elements = 0;
			for (long position = start; position + 8 <= end && elements++ < MAX_ELEMENTS;) {
				long[] box = box(position, end);
				if (box == null) {
					return null;
				}
				if (type(position).equals(wanted)) {
					return box;
				}
				position = box[1];
			}
			return null;
		}

		/** The content range (start, end) of the box at the position, or null if it does not fit. */
		private long[] box(long position, long limit) throws IOException {
			ByteBuffer header = VideoHeaders.read(this.channel, position, 16);
			if (header.remaining() < 8) {
				return null;
			}
			long size = Integer.toUnsignedLong(header.getInt(0));
			long contentStart = position + 8;
			if (size == 1) {
				if (header.remaining() < 16) {
					return null;
				}
				size = header.getLong(8);
				contentStart = position + 16;
			}
			else if (size == 0) {
				size = limit - position;
			}
			if (size < contentStart - position || position + size > limit) {
				return null;
			}
			return new long[] { contentStart, position + size };
		}

		private String type(long position) throws IOException {
			ByteBuffer type = VideoHeaders.read(this.channel, position + 4, 4);
			return new String(type.array(), 0, type.remaining(), StandardCharsets.ISO_8859_1);
		}

		/** mvhd: version, flags, then times, timescale and duration in 32 (version 0) or 64 bits (version 1). */
		private Long movieDuration(long start) throws IOException {
			ByteBuffer mvhd = VideoHeaders.read(this.channel, start, 32);
			int version = mvhd.get(0);
			long timescale;
			long duration;
			if (version == 1) {
				timescale = Integer.toUnsignedLong(mvhd.getInt(20));
				duration = mvhd.getLong(24);
			}
			else {
				timescale = Integer.toUnsignedLong(mvhd.getInt(12));
				duration = Integer.toUnsignedLong(mvhd.getInt(16));
			}
			if (timescale == 0 || duration < 0 || duration == 0xFFFFFFFFL) {
				return null;
			}
			return Math.round(duration * 1000.0 / timescale);
		}

		/** tkhd: width and height are 16.16 fixed point, the last 8 bytes; audio tracks have 0. */
		private int[] trackSize(long start) throws IOException {
			ByteBuffer tkhd = VideoHeaders.read(this.channel, start, 92);
			int version = tkhd.get(0);
			int offset = (version == 1) ? 88 : 76;
			if (tkhd.remaining() < offset + 8) {
				return null;
			}
			int width = tkhd.getInt(offset) >>> 16;
			int height = tkhd.getInt(offset + 4) >>> 16;
			return (width > 0 && height > 0) ? new int[] { width, height } : null;
		}

	}

	/** EBML: elements of a variable-length id and size; the Segment and Clusters may have an unknown size. */
	private record Webm(SeekableByteChannel channel) {

		MediaMetadata read() throws IOException {
			long fileSize = this.channel.size();
			Element header = element(0, fileSize);
			if (header == null || header.end() > fileSize) {
				return MediaMetadata.UNKNOWN;
			}
			Element segment = element(header.end(), fileSize);
			if (segment == null || segment.id() != SEGMENT) {
				return MediaMetadata.UNKNOWN;
			}
			long timecodeScale = 1_000_000;
			Double duration = null;
			Integer width = null;
			Integer height = null;
			int elements = 0;
			for (long position = segment.start(); position < segment.end() && elements++ < MAX_ELEMENTS;) {
				Element child = element(position, segment.end());
				if (child == null || child.id() == CLUSTER) {
					break;
				}
				if (child.id() == INFO) {
					for (Element field : children(child)) {
						if (field.id() == TIMECODE_SCALE) {
							timecodeScale = unsigned(field);
						}
						else if (field.id() == DURATION) {
							duration = floating(field);
						}
					}
				}
				else if (child.id() == TRACKS && width == null) {
					for (Element entry : children(child)) {
						if (entry.id() != TRACK_ENTRY) {
							continue;
						}
						for (Element field : children(entry)) {
							if (field.id() == VIDEO) {
								for (Element dimension : children(field)) {
									if (dimension.id() == PIXEL_WIDTH) {
										width = (int) unsigned(dimension);
									}
									else if (dimension.id() == PIXEL_HEIGHT) {
										height = (int) unsigned(dimension);
									}
								}
							}
						}
					}
				}
				position = child.end();
			}
			Long millis = (duration != null && duration > 0 && timecodeScale > 0)
					? Math.round(duration * timecodeScale / 1_000_000.0) : null;
			return new MediaMetadata(width, height, millis);
		}

		private List<Element> children(Element parent) throws IOException {
			List<Element> children = new ArrayList<>();
			for (long position = parent.start(); position < parent.end() && children.size() < MAX_ELEMENTS;) {
				Element child = element(position, parent.end());
				if (child == null) {
					break;
				}
				children.add(child);
				position = child.end();
			}
			return children;
		}

		/** The element at the position: its id and content range; an unknown size reaches to the limit. */
		private Element element(long position, long limit) throws IOException {
			ByteBuffer buffer = VideoHeaders.read(this.channel, position, 12);
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			int[] read = new int[1];
			long id = MediaFormat.vint(bytes, bytes.length, 0, read, false);
			if (id < 0) {
				return null;
			}
			int idLength = read[0];
			long size = MediaFormat.vint(bytes, bytes.length, idLength, read, true);
			if (size < 0) {
				return null;
			}
			long start = position + idLength + read[0];
			boolean unknown = size == (1L << (7 * read[0])) - 1;
			long end = unknown ? limit : start + size;
			if (end > limit || end < start) {
				return null;
			}
			return new Element(id, start, end);
		}

		private long unsigned(Element element) throws IOException {
			int length = (int) Math.min(8, element.end() - element.start());
			ByteBuffer value = VideoHeaders.read(this.channel, element.start(), length);
			long result = 0;
			while (value.hasRemaining()) {
				result = (result << 8) | (value.get() & 0xFF);
			}
			return result;
		}

		private Double floating(Element element) throws IOException {
			long length = element.end() - element.start();
			ByteBuffer value = VideoHeaders.read(this.channel, element.start(), (int) Math.min(8, length));
			if (length == 4 && value.remaining() == 4) {
				return (double) value.getFloat(0);
			}
			if (length == 8 && value.remaining() == 8) {
				return value.getDouble(0);
			}
			return null;
		}

	}

	private record Element(long id, long start, long end) {
	}

}
