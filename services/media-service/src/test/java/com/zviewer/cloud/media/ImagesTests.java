package com.zviewer.cloud.media;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import com.zviewer.cloud.media.Images.Thumbnail;
import com.zviewer.cloud.media.Images.UnusableImageException;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Thumbnails made from streams as well as files, and EXIF orientations. */
class ImagesTests {

	@Test
	void readsEveryExifOrientation() {
		for (int orientation = 1; orientation <= 8; orientation++) {
			byte[] jpeg = TestMedia.jpegWithOrientation(40, 20, orientation);
			assertThat(Images.orientation(new ByteArrayResource(jpeg))).isEqualTo(orientation);
		}
		assertThat(Images.orientation(new ByteArrayResource(TestMedia.jpeg(10, 10)))).isEqualTo(1);
	}

	@Test
	void turnsEachOrientationUpright() throws Exception {
		for (int orientation = 1; orientation <= 8; orientation++) {
			byte[] jpeg = TestMedia.jpegWithOrientation(40, 20, orientation);
			Thumbnail thumbnail = Images.thumbnail(new ByteArrayResource(jpeg), MediaFormat.JPEG, 320, 1_000_000);
			BufferedImage image = TestMedia.read(thumbnail.bytes());
			boolean turned = orientation >= 5;
			assertThat(image.getWidth()).as("orientation %d", orientation).isEqualTo(turned ? 20 : 40);
			assertThat(image.getHeight()).as("orientation %d", orientation).isEqualTo(turned ? 40 : 20);
		}
	}

	@Test
	void scalesDownToTheLongestSide() throws Exception {
		Thumbnail thumbnail = Images.thumbnail(new ByteArrayResource(TestMedia.png(1000, 250)), MediaFormat.PNG, 100,
				10_000_000);
		assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
		BufferedImage image = TestMedia.read(thumbnail.bytes());
		assertThat(image.getWidth()).isEqualTo(100);
		assertThat(image.getHeight()).isEqualTo(25);
	}

	@Test
	void refusesWhatCannotBeDecoded() {
		assertThatExceptionOfType(UnusableImageException.class).isThrownBy(() -> Images
			.thumbnail(new ByteArrayResource("not an image".getBytes()), MediaFormat.PNG, 100, 1_000_000));
	}

}
