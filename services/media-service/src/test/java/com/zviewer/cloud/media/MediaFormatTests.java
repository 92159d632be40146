package com.zviewer.cloud.media;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognising formats from their first bytes. */
class MediaFormatTests {

	@Test
	void recognisesEachAcceptedFormat() throws Exception {
		assertThat(detect(TestMedia.jpeg(4, 4))).contains(MediaFormat.JPEG);
		assertThat(detect(TestMedia.png(4, 4))).contains(MediaFormat.PNG);
		assertThat(detect(TestMedia.gif(4, 4))).contains(MediaFormat.GIF);
		assertThat(detect(TestMedia.webp())).contains(MediaFormat.WEBP);
		assertThat(detect(TestMedia.losslessWebp())).contains(MediaFormat.WEBP);
		assertThat(detect(TestMedia.mp4())).contains(MediaFormat.MP4);
		assertThat(detect(TestMedia.webm())).contains(MediaFormat.WEBM);
		assertThat(MediaFormat.detect(new ByteArrayInputStream(TestMedia.webm()))).contains(MediaFormat.WEBM);
	}

	@Test
	void recognisesMp4ByItsBrandsAndRefusesOtherIsoFiles() {
		assertThat(detect(ftyp("mp42", "isom"))).contains(MediaFormat.MP4);
		assertThat(detect(ftyp("avc1", "isom"))).contains(MediaFormat.MP4);
		assertThat(detect(ftyp("XAVC", "mp42"))).as("unknown major brand, MP4 compatible").contains(MediaFormat.MP4);
		assertThat(detect(ftyp("qt  ", "qt  "))).as("QuickTime").isEmpty();
		assertThat(detect(ftyp("M4A ", "mp42"))).as("audio").isEmpty();
		assertThat(detect(ftyp("heic", "mif1"))).as("HEIF image").isEmpty();
		assertThat(detect(ftyp("3gp4", "3gp4"))).as("3GPP").isEmpty();
	}

	@Test
	void refusesEverythingElse() {
		assertThat(detect("plain text".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(detect("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(detect(new byte[0])).isEmpty();
		assertThat(detect(new byte[] { (byte) 0xFF, (byte) 0xD8 })).as("truncated JPEG").isEmpty();
		assertThat(detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).as("WAV").isEmpty();
		byte[] matroska = TestMedia.webm().clone();
		matroska[0x18] = 'x';
		assertThat(detect(matroska)).as("another EBML DocType").isEmpty();
		byte[] brokenEbml = { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0x00 };
		assertThat(detect(brokenEbml)).isEmpty();
	}

	private static Optional<MediaFormat> detect(byte[] head) {
		return MediaFormat.detect(head, head.length);
	}

	private static byte[] ftyp(String major, String compatible) {
		String box = "\0\0\0\u0018ftyp" + major + "\0\0\0\0" + compatible + "isom";
		if (compatible.equals("qt  ") || major.equals("heic") || major.equals("3gp4")) {
			box = "\0\0\0\u0014ftyp" + major + "\0\0\0\0" + compatible;
		}
		return box.getBytes(StandardCharsets.ISO_8859_1);
	}

}
