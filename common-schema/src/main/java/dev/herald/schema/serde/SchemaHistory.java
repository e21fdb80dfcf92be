package dev.herald.schema.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * The released versions of a schema, read from {@code avro/history/<Name>/v<n>.avsc} on
 * the classpath, starting at {@code v0} or {@code v1} and counting up until a version is
 * missing. Releasing a schema change means adding its next {@code v<n>.avsc} copy.
 */
public final class SchemaHistory {

	private static final String ROOT = "avro/history/";

	private SchemaHistory() {
	}

	public static List<Schema> versionsOf(String schemaName) {
		List<Schema> versions = new ArrayList<>();
		ClassLoader loader = SchemaHistory.class.getClassLoader();
		for (int n = 0;; n++) {
			String path = ROOT + schemaName + "/v" + n + ".avsc";
			try (InputStream in = loader.getResourceAsStream(path)) {
				if (in == null) {
					if (n == 0) {
						continue;
					}
					return List.copyOf(versions);
				}
				versions.add(new Schema.Parser().parse(in));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read schema history " + path, ex);
			}
		}
	}

}
