package com.zviewer.cloud.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.springframework.core.io.Resource;

/**
 * Thumbnails of images with ImageIO (the JDK's JPEG, PNG and GIF readers, TwelveMonkeys' WebP reader), in bounded
 * memory whatever the size of the original: the image is decoded subsampled, to no more than twice the thumbnail's
 * size, then scaled down smoothly. JPEG photos are turned upright after their EXIF orientation. Thumbnails are JPEG,
 * or PNG when the image has transparency.
 */
final class Images {

	private static final int EXIF_ORIENTATION = 0x0112;

	private Images() {
	}

	/** An image stream on the file itself where there is one (random access, no copy), else on its content. */
	static ImageInputStream open(Resource content) throws IOException {
		ImageInputStream in = content.isFile() ? ImageIO.createImageInputStream(content.getFile())
				: ImageIO.createImageInputStream(content.getInputStream());
		if (in == null) {
			throw new IOException("ImageIO cannot read " + content);
		}
		return in;
	}

	/**
	 * A thumbnail of the image whose longest side is at most {@code size} pixels (a smaller image keeps its size).
	 * @throws UnusableImageException if the image cannot be decoded or has more than {@code maxPixels} pixels
	 * @throws IOException if the file cannot be read
	 */
	static Thumbnail thumbnail(Resource content, MediaFormat format, int size, long maxPixels) throws IOException {
		int orientation = (format == MediaFormat.JPEG) ? orientation(content) : 1;
		BufferedImage image;
		try (ImageInputStream in = open(content)) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw new UnusableImageException("No ImageIO reader for this " + format + " file");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if ((long) width * height > maxPixels) {
					throw new UnusableImageException(
							"The image has " + width + " x " + height + " pixels, more than " + maxPixels);
				}
				int subsampling = Math.max(1, Math.max(width, height) / (2 * size));
				ImageReadParam parameters = reader.getDefaultReadParam();
				parameters.setSourceSubsampling(subsampling, subsampling, 0, 0);
				image = reader.read(0, parameters);
			}
			catch (IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException
					| IIOException ex) {
				throw new UnusableImageException("The " + format + " image cannot be decoded: " + ex.getMessage());
			}
			finally {
				reader.dispose();
			}
		}
		boolean alpha = image.getColorModel().hasAlpha();
		BufferedImage scaled = orient(scale(image, size, alpha), orientation, alpha);
		return alpha ? new Thumbnail(encodePng(scaled), "image/png") : new Thumbnail(encodeJpeg(scaled), "image/jpeg");
	}

	/** Scales down in halving steps (bilinear each), which looks as good as bicubic at a fraction of the cost. */
	private static BufferedImage scale(BufferedImage image, int size, boolean alpha) {
		double factor = Math.min(1.0, (double) size / Math.max(image.getWidth(), image.getHeight()));
		int targetWidth = Math.max(1, (int) Math.round(image.getWidth() * factor));
		int targetHeight = Math.max(1, (int) Math.round(image.getHeight() * factor));
		BufferedImage current = image;
		int width = image.getWidth();
		int height = image.getHeight();
		do {
			width = Math.max(targetWidth, width / 2);
			height = Math.max(targetHeight, height / 2);
			current = draw(current, width, height, alpha, null);
		}
		while (width != targetWidth || height != targetHeight);
		return current;
	}

	private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha,
			AffineTransform transform) {
		BufferedImage target = new BufferedImage(width, height,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			if (!alpha) {
				graphics.setColor(Color.WHITE);
				graphics.fillRect(0, 0, width, height);
			}
			if (transform != null) {
				graphics.drawImage(source, transform, null);
			}
			else {
				graphics.drawImage(source, 0, 0, width, height, null);
			}
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	/** Applies an EXIF orientation (1: upright; 2 to 8: mirrored and/or rotated). */
	private static BufferedImage orient(BufferedImage image, int orientation, boolean alpha) {
		if (orientation < 2 || orientation > 8) {
			return image;
		}
		int w = image.getWidth();
		int h = image.getHeight();
		AffineTransform transform = new AffineTransform();
		boolean swap = orientation >= 5;
		switch (orientation) {
			case 2 -> transform.setTransform(-1, 0, 0, 1, w, 0);
			case 3 -> transform.setTransform(-1, 0, 0, -1, w, h);
			case 4 -> transform.setTransform(1, 0, 0, -1, 0, h);
			case 5 -> transform.setTransform(0, 1, 1, 0, 0, 0);
			case 6 -> transform.setTransform(0, 1, -1, 0, h, 0);
			case 7 -> transform.setTransform(0, -1, -1, 0, h, w);
			default -> transform.setTransform(0, -1, 1, 0, 0, w);
		}
		return draw(image, swap ? h : w, swap ? w : h, alpha, transform);
	}

	/**
	 * The EXIF orientation of a JPEG file (1 if it has none): the APP1 "Exif" segment's TIFF structure, first IFD,
	 * tag 0x0112.
	 */
	static int orientation(Resource content) {
		try (InputStream in = content.getInputStream()) {
			byte[] head = in.readNBytes(128 * 1024);
			int offset = 2;
			while (offset + 4 <= head.length && (head[offset] & 0xFF) == 0xFF) {
				int marker = head[offset + 1] & 0xFF;
				int length = ((head[offset + 2] & 0xFF) << 8) | (head[offset + 3] & 0xFF);
				if (marker == 0xDA || length < 2) {
					break;
				}
				if (marker == 0xE1 && offset + 4 + length - 2 <= head.length && length > 14
						&& new String(head, offset + 4, 4, StandardCharsets.US_ASCII).equals("Exif")) {
					return tiffOrientation(ByteBuffer.wrap(head, offset + 10, length - 8).slice());
				}
				offset += 2 + length;
			}
		}
		catch (IOException | RuntimeException ex) {
			// No orientation then.
		}
		return 1;
	}

	private static int tiffOrientation(ByteBuffer tiff) {
		tiff.order((tiff.get(0) == 'I') ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int ifd = tiff.getInt(4);
		int entries = tiff.getShort(ifd) & 0xFFFF;
		for (int i = 0; i < entries; i++) {
			int entry = ifd + 2 + 12 * i;
			if ((tiff.getShort(entry) & 0xFFFF) == EXIF_ORIENTATION) {
				return tiff.getShort(entry + 8) & 0xFFFF;
			}
		}
		return 1;
	}

	private static byte[] encodeJpeg(BufferedImage image) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam parameters = writer.getDefaultWriteParam();
			parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			parameters.setCompressionQuality(0.85f);
			writer.write(null, new IIOImage(image, null, null), parameters);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static byte[] encodePng(BufferedImage image) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		if (!ImageIO.write(image, "png", bytes)) {
			throw new IOException("No PNG writer");
		}
		return bytes.toByteArray();
	}

	/** An encoded thumbnail. */
	record Thumbnail(byte[] bytes, String contentType) {
	}

	/** The image cannot be made a thumbnail of, now or ever: not worth another attempt. */
	static class UnusableImageException extends IOException {

		UnusableImageException(String message) {
			super(message);
		}

	}

}
