package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@link MediaStorage} in a local directory ({@code zviewer.media.storage.directory}), a named volume that every
 * replica mounts: {@code items/} holds originals and thumbnails, {@code uploads/} the part files of resumable uploads,
 * {@code staging/} what is being received. Files are written to {@code staging/}, forced to disk and moved into place
 * atomically, on the same file system. Part files are locked with {@link FileLock} (POSIX locks, which containers on
 * one host share through the kernel). Directories are made once the application is ready rather than at start, so
 * that building the image (which starts the application once) leaves none behind. With
 * {@code zviewer.media.storage.type=s3}, {@link S3MediaStorage} keeps its staged files and parts in one of these.
 */
class LocalMediaStorage implements MediaStorage {

	private static final Logger logger = LoggerFactory.getLogger(LocalMediaStorage.class);

	/** Keys are made by media-service: lower-case names and single slashes, nothing that could climb out. */
	private static final Pattern KEY = Pattern.compile("[a-z0-9]+(/[a-z0-9][a-z0-9.-]*)*");

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Path root;

	private final Path staging;

	private final Path uploads;

	private final MultipartProperties multipart;

	private volatile boolean writable;

	LocalMediaStorage(MediaProperties properties, MultipartProperties multipart) {
		this.root = properties.getStorage().getDirectory().toAbsolutePath().normalize();
		this.staging = this.root.resolve("staging");
		this.uploads = this.root.resolve("uploads");
		this.multipart = multipart;
	}

	/**
	 * Makes the directories, and the one where the servlet container spools multipart uploads (which it does not make
	 * itself), so that the first upload finds them. A storage that cannot be written is logged, not fatal: listing and
	 * streaming what is stored still work, and uploads answer 503 until it is fixed.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void createDirectories() {
		try {
			prepare();
			logger.info("Media storage in {}", this.root);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Media storage {} cannot be written: uploads will be refused until it can ({})", this.root,
					ex.toString());
		}
	}

	@Override
	public void checkWritable() {
		if (this.writable) {
			return;
		}
		try {
			prepare();
		}
		catch (IOException | RuntimeException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The media storage cannot take files at the moment");
		}
	}

	private void prepare() throws IOException {
		Files.createDirectories(this.staging);
		Files.createDirectories(this.uploads);
		Files.createDirectories(this.root.resolve("items"));
		if (StringUtils.hasText(this.multipart.getLocation())) {
			Files.createDirectories(Path.of(this.multipart.getLocation()));
		}
		if (!Files.isWritable(this.staging)) {
			throw new IOException(this.staging + " is not writable");
		}
		this.writable = true;
	}

	@Override
	public StagedFile stage(InputStream content, long maxBytes) throws IOException {
		Files.createDirectories(this.staging);
		Path file = this.staging.resolve(UUID.randomUUID() + ".tmp");
		MessageDigest sha256 = sha256();
		long size = 0;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			byte[] buffer = new byte[BUFFER_SIZE];
			for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
				size += read;
				if (size > maxBytes) {
					throw new ContentTooLargeException(maxBytes);
				}
				sha256.update(buffer, 0, read);
				writeFully(channel, buffer, read);
			}
			channel.force(true);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		return new LocalStagedFile(file, size, HexFormat.of().formatHex(sha256.digest()), false);
	}

	@Override
	public Optional<Resource> find(String key) {
		Path file = resolve(key);
		return Files.isRegularFile(file) ? Optional.of(new FileSystemResource(file)) : Optional.empty();
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(resolve(key));
	}

	@Override
	public UploadPart openPart(UUID uploadId) throws IOException {
		Files.createDirectories(this.uploads);
		FileChannel channel = FileChannel.open(part(uploadId), StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		try {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new PartBusyException(uploadId);
			}
			return new LocalUploadPart(channel);
		}
		catch (OverlappingFileLockException ex) {
			channel.close();
			throw new PartBusyException(uploadId);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * The part file itself, hashed; committing it makes a hard link under the key, so that the part file stays until
	 * {@link #deletePart} and a completion cut short by a crash can simply be done again.
	 */
	@Override
	public StagedFile stagePart(UUID uploadId) throws IOException {
		Path part = part(uploadId);
		MessageDigest sha256 = sha256();
		long size = 0;
		try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ)) {
			ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
			while (channel.read(buffer) != -1) {
				buffer.flip();
				size += buffer.remaining();
				sha256.update(buffer);
				buffer.clear();
			}
		}
		return new LocalStagedFile(part, size, HexFormat.of().formatHex(sha256.digest()), true);
	}

	@Override
	public void deletePart(UUID uploadId) throws IOException {
		Files.deleteIfExists(part(uploadId));
	}

	@Override
	public int deleteStaleStagedFiles(Duration age) throws IOException {
		if (!Files.isDirectory(this.staging)) {
			return 0;
		}
		Instant before = Instant.now().minus(age);
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.staging, "*.tmp")) {
			for (Path file : files) {
				try {
					if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
						deleted++;
					}
				}
				catch (NoSuchFileException ex) {
					// Committed or discarded meanwhile.
				}
			}
		}
		return deleted;
	}

	Path root() {
		return this.root;
	}

	Path part(UUID uploadId) {
		return this.uploads.resolve(uploadId + ".part");
	}

	/** The key, if it is one media-service makes: else {@link IllegalArgumentException}. */
	static String checkKey(String key) {
		if (!KEY.matcher(key).matches() || !key.startsWith("items/")) {
			throw new IllegalArgumentException("Not a storage key: " + key);
		}
		return key;
	}

	/** The file of a key, refusing anything that is not a key media-service makes. */
	Path resolve(String key) {
		checkKey(key);
		Path file = this.root.resolve(key).normalize();
		if (!file.startsWith(this.root.resolve("items"))) {
			throw new IllegalArgumentException("Not a storage key: " + key);
		}
		return file;
	}

	private static void writeFully(FileChannel channel, byte[] buffer, int length) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private final class LocalStagedFile implements StagedFile {

		private final Path file;

		private final long size;

		private final String sha256;

		/** A part file: linked into place rather than moved, and kept when closed. */
		private final boolean part;

		private boolean committed;

		LocalStagedFile(Path file, long size, String sha256, boolean part) {
			this.file = file;
			this.size = size;
			this.sha256 = sha256;
			this.part = part;
		}

		@Override
		public long size() {
			return this.size;
		}

		@Override
		public String sha256() {
			return this.sha256;
		}

		@Override
		public Resource resource() {
			return new FileSystemResource(this.file);
		}

		@Override
		public void commit(String key) throws IOException {
			Path target = resolve(key);
			Files.createDirectories(target.getParent());
			if (this.part) {
				link(target);
			}
			else {
				Files.move(this.file, target, StandardCopyOption.ATOMIC_MOVE);
			}
			this.committed = true;
		}

		private void link(Path target) throws IOException {
			try {
				Files.createLink(target, this.file);
			}
			catch (FileAlreadyExistsException ex) {
				// An earlier attempt linked it before it could finish: the same part, so the same content.
				if (Files.size(target) != this.size) {
					Files.copy(this.file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			catch (UnsupportedOperationException ex) {
				Path copy = LocalMediaStorage.this.staging.resolve(UUID.randomUUID() + ".tmp");
				Files.copy(this.file, copy);
				Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
		}

		@Override
		public void close() {
			if (!this.committed && !this.part) {
				try {
					Files.deleteIfExists(this.file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

	}

	private static final class LocalUploadPart implements UploadPart {

		private final FileChannel channel;

		LocalUploadPart(FileChannel channel) {
			this.channel = channel;
		}

		@Override
		public long size() throws IOException {
			return this.channel.size();
		}

		@Override
		public void truncate(long size) throws IOException {
			if (this.channel.size() > size) {
				this.channel.truncate(size);
			}
		}

		@Override
		public long append(InputStream content, long maxBytes) throws IOException {
			this.channel.position(this.channel.size());
			byte[] buffer = new byte[BUFFER_SIZE];
			long appended = 0;
			try {
				while (appended < maxBytes) {
					int read = content.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - appended));
					if (read == -1) {
						break;
					}
					writeFully(this.channel, buffer, read);
					appended += read;
				}
			}
			catch (IOException ex) {
				this.channel.force(true);
				throw new IncompleteAppendException(appended, ex);
			}
			this.channel.force(true);
			return appended;
		}

		@Override
		public byte[] head(int length) throws IOException {
			ByteBuffer head = ByteBuffer.allocate((int) Math.min(length, this.channel.size()));
			while (head.hasRemaining() && this.channel.read(head, head.position()) > 0) {
				// Reads until full.
			}
			return head.array();
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

}
