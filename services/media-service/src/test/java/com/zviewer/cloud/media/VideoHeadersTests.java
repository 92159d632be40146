package com.zviewer.cloud.media;

import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Duration and size of videos from their container headers. */
class VideoHeadersTests {

	@TempDir
	Path directory;

	@Test
	void readsMp4WhereverItsMovieBoxIs() throws Exception {
		assertThat(read(MediaFormat.MP4, TestMedia.mp4())).isEqualTo(new MediaMetadata(64, 48, 2000L));
		assertThat(read(MediaFormat.MP4, TestMedia.mp4WithMoovAtEnd())).isEqualTo(new MediaMetadata(64, 48, 2500L));
	}

	@Test
	void readsWebm() throws Exception {
		assertThat(read(MediaFormat.WEBM, TestMedia.webm())).isEqualTo(new MediaMetadata(64, 48, 2000L));
	}

	@Test
	void knowsNothingOfTruncatedOrGarbledFiles() throws Exception {
		byte[] mp4 = TestMedia.mp4WithMoovAtEnd();
		assertThat(read(MediaFormat.MP4, Arrays.copyOf(mp4, 100))).isEqualTo(MediaMetadata.UNKNOWN);
		assertThat(read(MediaFormat.WEBM, Arrays.copyOf(TestMedia.webm(), 40))).isEqualTo(MediaMetadata.UNKNOWN);
		byte[] garbled = TestMedia.mp4().clone();
		garbled[32] = (byte) 0xFF;
		assertThat(read(MediaFormat.MP4, garbled)).isEqualTo(MediaMetadata.UNKNOWN);
		assertThat(read(MediaFormat.MP4, new byte[0])).isEqualTo(MediaMetadata.UNKNOWN);
	}

	private MediaMetadata read(MediaFormat format, byte[] content) throws Exception {
		Path file = Files.write(this.directory.resolve("video"), content);
		try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
			return VideoHeaders.read(format, channel);
		}
	}

}
