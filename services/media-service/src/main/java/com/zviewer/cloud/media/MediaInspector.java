package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zviewer.cloud.media.MediaItem.MediaType;

import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Reads what a stored file is: its format from its first bytes, and from its header (never decoding it) the dimensions
 * of an image, or the dimensions and duration of a video.
 */
@Component
class MediaInspector {

	private static final Logger logger = LoggerFactory.getLogger(MediaInspector.class);

	MediaInspector() {
		// Registers the WebP reader (and any other ImageIO plug-in on the class path) with the class loader of the
		// application, whatever thread uses ImageIO first.
		ImageIO.scanForPlugins();
		ImageIO.setUseCache(false);
	}

	Optional<MediaFormat> format(Resource content) throws IOException {
		try (InputStream in = content.getInputStream()) {
			return MediaFormat.detect(in);
		}
	}

	MediaMetadata metadata(MediaFormat format, Resource content) {
		try {
			if (format.mediaType() == MediaType.IMAGE) {
				return imageMetadata(content);
			}
			if (content.isFile()) {
				try (FileChannel channel = FileChannel.open(content.getFile().toPath(), StandardOpenOption.READ)) {
					return VideoHeaders.read(format, channel);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not read the header of a {} file", format, ex);
		}
		return MediaMetadata.UNKNOWN;
	}

	private static MediaMetadata imageMetadata(Resource content) throws IOException {
		try (ImageInputStream in = Images.open(content)) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				return MediaMetadata.UNKNOWN;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				return new MediaMetadata(reader.getWidth(0), reader.getHeight(0), null);
			}
			finally {
				reader.dispose();
			}
		}
	}

}
