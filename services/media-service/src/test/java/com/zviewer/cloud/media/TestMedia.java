package com.zviewer.cloud.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Test files: real images made with ImageIO, and small real WebP images and MP4 and WebM clips (made once with
 * cwebp and ffmpeg: 64 x 48 pixels, the clips 2 s and 2.5 s long) from src/test/resources/media.
 */
final class TestMedia {

	private TestMedia() {
	}

	static byte[] png(int width, int height) {
		return image(width, height, "png", BufferedImage.TYPE_INT_RGB);
	}

	/** A PNG of random pixels, which hardly compress: about 3 bytes a pixel. */
	static byte[] noisyPng(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(width * 31L + height);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return write(image, "png");
	}

	static byte[] pngWithAlpha(int width, int height) {
		return image(width, height, "png", BufferedImage.TYPE_INT_ARGB);
	}

	static byte[] jpeg(int width, int height) {
		return image(width, height, "jpeg", BufferedImage.TYPE_INT_RGB);
	}

	static byte[] gif(int width, int height) {
		return image(width, height, "gif", BufferedImage.TYPE_INT_RGB);
	}

	static byte[] webp() {
		return resource("picture.webp");
	}

	static byte[] losslessWebp() {
		return resource("picture-lossless.webp");
	}

	static byte[] mp4() {
		return resource("clip.mp4");
	}

	static byte[] mp4WithMoovAtEnd() {
		return resource("clip-moov-at-end.mp4");
	}

	static byte[] webm() {
		return resource("clip.webm");
	}

	/** A JPEG with an EXIF orientation (6: to be turned 90 degrees clockwise), as phones write them. */
	static byte[] jpegWithOrientation(int width, int height, int orientation) {
		byte[] jpeg = jpeg(width, height);
		ByteBuffer tiff = ByteBuffer.allocate(26);
		tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8).putShort((short) 1);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0);
		byte[] exif = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes()).put(tiff.array()).array();
		ByteBuffer result = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
		result.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif);
		result.put(jpeg, 2, jpeg.length - 2);
		return result.array();
	}

	/** A file of the given size that starts as an MP4 (for streaming tests of large files). */
	static byte[] largeMp4(int size) {
		byte[] clip = mp4();
		byte[] large = Arrays.copyOf(clip, size);
		for (int i = clip.length; i < size; i++) {
			large[i] = (byte) (i * 31 + (i >>> 11));
		}
		return large;
	}

	static BufferedImage read(byte[] image) {
		try {
			return ImageIO.read(new ByteArrayInputStream(image));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] image(int width, int height, String format, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(30, 120, 200, 255));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(new Color(250, 200, 40, 128));
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		return write(image, format);
	}

	private static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, bytes)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static byte[] resource(String name) {
		try (InputStream in = TestMedia.class.getResourceAsStream("/media/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
