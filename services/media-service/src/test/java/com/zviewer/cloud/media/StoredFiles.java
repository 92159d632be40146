package com.zviewer.cloud.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.springframework.core.io.Resource;

/** What the tests look at in the storage, whichever type it is. */
final class StoredFiles {

	private StoredFiles() {
	}

	/** Where uploads are received (staged files, parts of resumable uploads): the shared volume in either case. */
	static LocalMediaStorage receiving(MediaStorage storage) {
		return (storage instanceof S3MediaStorage s3) ? s3.local() : (LocalMediaStorage) storage;
	}

	/** The content stored under the key, or empty if there is none. */
	static Optional<byte[]> read(MediaStorage storage, String key) {
		return storage.find(key).map(StoredFiles::bytes);
	}

	private static byte[] bytes(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
