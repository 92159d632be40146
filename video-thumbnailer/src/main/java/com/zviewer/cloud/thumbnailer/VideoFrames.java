package com.zviewer.cloud.thumbnailer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.avutil.av_version_info;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * One frame of a video, decoded with FFmpeg's libraries (libavformat, libavcodec, libswscale through the JavaCPP
 * presets) straight from a URL: over HTTP, libavformat reads with Range requests, so it seeks to where it needs (the
 * index at the end of an MP4, the frame) instead of reading the whole file. Neither the ffmpeg program nor libavdevice
 * is used: the program links libavdevice, which needs X11, ALSA and PulseAudio libraries a server image does not have.
 * <p>
 * Failures come in two kinds: {@link UnreadableVideoException} when the content is not a video FFmpeg can decode (no
 * use trying again), and {@link IOException} for the rest (the source could not be read: refused, unreachable, timed
 * out).
 */
final class VideoFrames {

	/** Where the image keeps the native libraries, relative to the working directory. */
	static final String NATIVE_DIRECTORY = "native";

	/** Frames decoded after the seek point before the latest one is taken (a long GOP, a broken timestamp). */
	private static final int MAX_FRAMES = 600;

	private VideoFrames() {
	}

	/**
	 * Where JavaCPP finds the native libraries: in the image, in the directory {@value #NATIVE_DIRECTORY} the image
	 * build unpacked them to (see the Dockerfile), so nothing is unpacked at run time; elsewhere (tests, an IDE)
	 * unpacked from their jars into the temporary directory. And no limit on native memory of JavaCPP's own: it
	 * compares the process's whole resident memory with twice the heap, which a JVM in a small container is always
	 * above.
	 */
	static void configureNativeLibraries() {
		Path unpacked = Path.of(NATIVE_DIRECTORY).toAbsolutePath();
		if (Files.isDirectory(unpacked)) {
			System.setProperty("org.bytedeco.javacpp.pathsFirst", "true");
			System.setProperty("java.library.path",
					unpacked + File.pathSeparator + System.getProperty("java.library.path", ""));
		}
		System.setProperty("org.bytedeco.javacpp.cachedir",
				System.getProperty("org.bytedeco.javacpp.cachedir", System.getProperty("java.io.tmpdir") + "/javacpp"));
		System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
		System.setProperty("org.bytedeco.javacpp.maxBytes", "0");
	}

	/** Loads the libraries (unpacking them the first time), once, and answers FFmpeg's version. */
	static String load() {
		return Libraries.VERSION;
	}

	/**
	 * The first frame at or after {@code position} (the last one, for a shorter video), scaled to fit in a square of
	 * {@code maxSize} pixels (never enlarged).
	 * @param url where the video is: {@code http://...} or a file
	 * @param headers sent with each HTTP request
	 */
	static BufferedImage frame(String url, Map<String, String> headers, Duration position, int maxSize,
			Duration readTimeout) throws IOException {
		load();
		AVFormatContext format = new AVFormatContext(null);
		AVDictionary options = new AVDictionary(null);
		StringBuilder headerLines = new StringBuilder();
		headers.forEach((name, value) -> headerLines.append(name).append(": ").append(value).append("\r\n"));
		if (!headerLines.isEmpty()) {
			av_dict_set(options, "headers", headerLines.toString(), 0);
		}
		av_dict_set(options, "rw_timeout", String.valueOf(readTimeout.toNanos() / 1000), 0);
		try {
			check(avformat_open_input(format, url, null, options), "open");
		}
		finally {
			av_dict_free(options);
		}
		AVCodecContext decoder = null;
		AVPacket packet = av_packet_alloc();
		AVFrame frame = av_frame_alloc();
		AVFrame chosen = av_frame_alloc();
		try {
			check(avformat_find_stream_info(format, (PointerPointer<?>) null), "read the streams of");
			int index = check(av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0),
					"find a video stream in");
			AVStream stream = format.streams(index);
			AVCodecParameters parameters = stream.codecpar();
			AVCodec codec = avcodec_find_decoder(parameters.codec_id());
			if (codec == null || codec.isNull()) {
				check(AVERROR_DECODER_NOT_FOUND(), "find a decoder for");
			}
			decoder = avcodec_alloc_context3(codec);
			check(avcodec_parameters_to_context(decoder, parameters), "set up the decoder of");
			decoder.thread_count(1);
			check(avcodec_open2(decoder, codec, (AVDictionary) null), "open the decoder of");
			long target = toStreamTime(position, stream.time_base());
			if (position.isPositive()) {
				// Back to the key frame before the position; a video that cannot seek is read from its start.
				av_seek_frame(format, index, target, AVSEEK_FLAG_BACKWARD);
			}
			boolean found = decode(format, index, decoder, packet, frame, chosen, target);
			if (!found && chosen.width() <= 0) {
				check(AVERROR_INVALIDDATA(), "decode a frame of");
			}
			return toImage(chosen, maxSize);
		}
		finally {
			av_frame_free(chosen);
			av_frame_free(frame);
			av_packet_free(packet);
			if (decoder != null) {
				avcodec_free_context(decoder);
			}
			avformat_close_input(format);
		}
	}

	/**
	 * Decodes until a frame at or after the target; {@code chosen} then holds it (or, at the end of the video, the
	 * last frame decoded).
	 * @return whether a frame at or after the target was found
	 */
	private static boolean decode(AVFormatContext format, int index, AVCodecContext decoder, AVPacket packet,
			AVFrame frame, AVFrame chosen, long target) throws IOException {
		int decoded = 0;
		int read;
		while ((read = av_read_frame(format, packet)) >= 0) {
			try {
				if (packet.stream_index() != index) {
					continue;
				}
				int sent = avcodec_send_packet(decoder, packet);
				if (sent < 0 && sent != AVERROR_INVALIDDATA()) {
					check(sent, "decode");
				}
			}
			finally {
				av_packet_unref(packet);
			}
			while (avcodec_receive_frame(decoder, frame) >= 0) {
				decoded++;
				av_frame_unref(chosen);
				av_frame_ref(chosen, frame);
				long timestamp = frame.best_effort_timestamp();
				if (timestamp == AV_NOPTS_VALUE || timestamp >= target || decoded >= MAX_FRAMES) {
					return true;
				}
			}
		}
		if (read != org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF()) {
			check(read, "read");
		}
		// The end: what the decoder still holds.
		avcodec_send_packet(decoder, null);
		while (avcodec_receive_frame(decoder, frame) >= 0) {
			av_frame_unref(chosen);
			av_frame_ref(chosen, frame);
		}
		return false;
	}

	private static BufferedImage toImage(AVFrame frame, int maxSize) throws IOException {
		int width = frame.width();
		int height = frame.height();
		double scale = Math.min(1.0, (double) maxSize / Math.max(width, height));
		int targetWidth = Math.max(1, (int) Math.round(width * scale));
		int targetHeight = Math.max(1, (int) Math.round(height * scale));
		SwsContext scaler = sws_getContext(width, height, frame.format(), targetWidth, targetHeight,
				AV_PIX_FMT_BGR24, SWS_AREA, null, null, (DoublePointer) null);
		if (scaler == null || scaler.isNull()) {
			throw new UnreadableVideoException("The frame's pixel format (" + frame.format() + ") cannot be converted");
		}
		int stride = targetWidth * 3;
		try (BytePointer pixels = new BytePointer((long) stride * targetHeight);
				PointerPointer<BytePointer> planes = new PointerPointer<>(pixels, null, null, null);
				IntPointer strides = new IntPointer(stride, 0, 0, 0)) {
			// sws_scale reads four planes and strides, whatever the format uses.
			sws_scale(scaler, frame.data(), frame.linesize(), 0, height, planes, strides);
			BufferedImage image = new BufferedImage(targetWidth, targetHeight, BufferedImage.TYPE_3BYTE_BGR);
			pixels.get(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
			return image;
		}
		finally {
			sws_freeContext(scaler);
		}
	}

	private static long toStreamTime(Duration position, AVRational timeBase) {
		if (timeBase.num() <= 0 || timeBase.den() <= 0) {
			return 0;
		}
		return position.toMillis() * timeBase.den() / (1000L * timeBase.num());
	}

	private static int check(int result, String what) throws IOException {
		if (result >= 0) {
			return result;
		}
		String message = "Could not " + what + " the video: " + describe(result);
		if (result == AVERROR_INVALIDDATA() || result == AVERROR_STREAM_NOT_FOUND()
				|| result == AVERROR_DECODER_NOT_FOUND()) {
			throw new UnreadableVideoException(message);
		}
		throw new IOException(message);
	}

	private static String describe(int error) {
		try (BytePointer buffer = new BytePointer(256)) {
			if (av_strerror(error, buffer, 256) != 0) {
				return "error " + error;
			}
			byte[] text = new byte[256];
			buffer.get(text);
			int length = 0;
			while (length < text.length && text[length] != 0) {
				length++;
			}
			return new String(text, 0, length, java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	/** The content is no video FFmpeg can take a frame of. */
	static class UnreadableVideoException extends IOException {

		UnreadableVideoException(String message) {
			super(message);
		}

	}

	/** The libraries, loaded and set up when this class is first used (the JVM runs it once). */
	private static final class Libraries {

		static final String VERSION = initialize();

		private static String initialize() {
			Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
			Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
			Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
			Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
			av_log_set_level(AV_LOG_ERROR);
			avformat_network_init();
			return av_version_info().getString();
		}

	}

}
