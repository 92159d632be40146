import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites jar files in place with every entry stored rather than deflated, keeping names, order, times and
 * contents (so signatures stay valid). Used while building images: an image layer is compressed as a whole, which
 * shrinks many small class files far better than each one deflated on its own, and the JVM reads stored entries
 * without inflating them. Run with the source launcher: {@code java StoreUncompressed.java a.jar b.jar ...}.
 */
class StoreUncompressed {

	public static void main(String[] args) throws IOException {
		for (String arg : args) {
			Path jar = Path.of(arg);
			Path stored = jar.resolveSibling(jar.getFileName() + ".stored");
			try (ZipFile in = new ZipFile(jar.toFile());
					ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stored))) {
				out.setMethod(ZipOutputStream.STORED);
				for (ZipEntry entry : in.stream().toList()) {
					byte[] bytes = in.getInputStream(entry).readAllBytes();
					ZipEntry copy = new ZipEntry(entry.getName());
					copy.setTime(entry.getTime());
					copy.setMethod(ZipEntry.STORED);
					copy.setSize(bytes.length);
					copy.setCompressedSize(bytes.length);
					CRC32 crc = new CRC32();
					crc.update(bytes);
					copy.setCrc(crc.getValue());
					if (entry.getExtra() != null) {
						copy.setExtra(entry.getExtra());
					}
					out.putNextEntry(copy);
					out.write(bytes);
					out.closeEntry();
				}
			}
			Files.move(stored, jar, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
