package com.zviewer.cloud.media;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import com.zviewer.cloud.media.MediaStorage.StagedFile;

import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.core.io.Resource;

/**
 * Run by {@link S3StorageTests} in a JVM of its own with a small heap: stores a large file in the bucket through
 * {@link S3MediaStorage} as an upload would (staged on disk, then put) and reads it back, whole and from an offset,
 * then prints the peak heap. Any copy of the whole file in memory would end in an OutOfMemoryError.
 */
final class S3UploadHeapCheck {

	private S3UploadHeapCheck() {
	}

	/** Arguments: the endpoint, the bucket, the directory to receive in, the size in bytes. */
	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(Level.WARN);
		long size = Long.parseLong(args[3]);
		MediaProperties properties = new MediaProperties();
		properties.getStorage().setDirectory(Path.of(args[2]));
		MediaProperties.S3 settings = properties.getStorage().getS3();
		settings.setEndpoint(URI.create(args[0]));
		settings.setBucket(args[1]);
		settings.setAccessKey(S3ProxyContainerConfiguration.ACCESS_KEY);
		settings.setSecretKey(S3ProxyContainerConfiguration.SECRET_KEY);
		try (S3Client client = MediaStorageConfiguration.s3Client(settings)) {
			S3MediaStorage storage = new S3MediaStorage(client, settings,
					new LocalMediaStorage(properties, new MultipartProperties()));
			storage.checkWritable();
			String key = "items/he/" + UUID.randomUUID();
			String sha256;
			resetPeaks();
			try (StagedFile staged = storage.stage(new Generated(size), Long.MAX_VALUE)) {
				sha256 = staged.sha256();
				staged.commit(key);
			}
			long uploadPeak = peakHeapUsed();
			Resource stored = storage.find(key).orElseThrow();
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(stored.getInputStream(), digest)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			String readBack = HexFormat.of().formatHex(digest.digest());
			long offset = size - 1_000_000;
			byte[] tail;
			try (InputStream in = stored.getInputStream()) {
				in.skipNBytes(offset);
				tail = in.readNBytes(10);
			}
			byte[] expected = new byte[10];
			Generated.fill(expected, offset);
			storage.delete(key);
			System.out.println("size=" + size + " length=" + stored.contentLength() + " maxHeap="
					+ Runtime.getRuntime().maxMemory() + " uploadPeakHeapUsed=" + uploadPeak + " peakHeapUsed="
					+ peakHeapUsed() + " sha256Matches=" + sha256.equals(readBack) + " rangeMatches="
					+ Arrays.equals(tail, expected));
		}
	}

	private static void resetPeaks() {
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long peakHeapUsed() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
	}

	/** Bytes that depend on their position, made as they are read. */
	private static final class Generated extends InputStream {

		private final long size;

		private long position;

		Generated(long size) {
			this.size = size;
		}

		static void fill(byte[] buffer, long position) {
			for (int i = 0; i < buffer.length; i++) {
				long at = position + i;
				buffer[i] = (byte) (at * 31 + (at >>> 11));
			}
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position >= this.size) {
				return -1;
			}
			int count = (int) Math.min(length, this.size - this.position);
			byte[] chunk = new byte[count];
			fill(chunk, this.position);
			System.arraycopy(chunk, 0, buffer, offset, count);
			this.position += count;
			return count;
		}

	}

}
