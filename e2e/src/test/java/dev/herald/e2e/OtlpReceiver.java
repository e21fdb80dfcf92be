package dev.herald.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP trace receiver in the test JVM: the services export their spans to it
 * ({@code HERALD_OTLP_ENDPOINT}), and it keeps what it received. It reads the protobuf
 * {@code ExportTraceServiceRequest} with a small wire-format reader (the fields a test
 * asserts: service name, trace, span and parent ids, name, links), so the e2e module
 * needs no protobuf library.
 */
final class OtlpReceiver implements AutoCloseable {

	private static final HexFormat HEX = HexFormat.of();

	private final HttpServer server;

	private final ConcurrentLinkedQueue<ExportedSpan> spans = new ConcurrentLinkedQueue<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			OtlpReceiver receiver = new OtlpReceiver(server);
			server.createContext("/v1/traces", receiver::receive);
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where the services send their spans. */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** Every span received so far. */
	List<ExportedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/** The spans of one trace. */
	List<ExportedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
					? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			fields(body, (number, value) -> {
				if (number == 1) {
					resourceSpans((byte[]) value);
				}
			});
			// an empty ExportTraceServiceResponse: everything accepted
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private void resourceSpans(byte[] message) {
		String[] service = { "" };
		List<byte[]> scopes = new ArrayList<>();
		fields(message, (number, value) -> {
			if (number == 1) {
				fields((byte[]) value, (attribute, keyValue) -> {
					if (attribute == 1) {
						String[] pair = keyValue((byte[]) keyValue);
						if ("service.name".equals(pair[0])) {
							service[0] = pair[1];
						}
					}
				});
			}
			else if (number == 2) {
				scopes.add((byte[]) value);
			}
		});
		for (byte[] scope : scopes) {
			fields(scope, (number, value) -> {
				if (number == 2) {
					this.spans.add(span(service[0], (byte[]) value));
				}
			});
		}
	}

	private static ExportedSpan span(String service, byte[] message) {
		String[] ids = new String[3];
		String[] name = { "" };
		List<String> links = new ArrayList<>();
		fields(message, (number, value) -> {
			switch (number) {
				case 1 -> ids[0] = HEX.formatHex((byte[]) value);
				case 2 -> ids[1] = HEX.formatHex((byte[]) value);
				case 4 -> ids[2] = HEX.formatHex((byte[]) value);
				case 5 -> name[0] = new String((byte[]) value, StandardCharsets.UTF_8);
				case 13 -> fields((byte[]) value, (field, id) -> {
					if (field == 1) {
						links.add(HEX.formatHex((byte[]) id));
					}
				});
				default -> {
				}
			}
		});
		return new ExportedSpan(service, ids[0], ids[1], (ids[2] != null) ? ids[2] : "", name[0], links);
	}

	/** A {@code KeyValue} with a string {@code AnyValue}: key and value. */
	private static String[] keyValue(byte[] message) {
		String[] pair = { "", "" };
		fields(message, (number, value) -> {
			if (number == 1) {
				pair[0] = new String((byte[]) value, StandardCharsets.UTF_8);
			}
			else if (number == 2) {
				fields((byte[]) value, (kind, string) -> {
					if (kind == 1) {
						pair[1] = new String((byte[]) string, StandardCharsets.UTF_8);
					}
				});
			}
		});
		return pair;
	}

	/**
	 * Walks the fields of one protobuf message: a length-delimited field's value is its
	 * bytes, any other a {@link Long}.
	 */
	private static void fields(byte[] message, BiConsumer<Integer, Object> field) {
		int[] at = { 0 };
		while (at[0] < message.length) {
			long key = varint(message, at);
			int number = (int) (key >>> 3);
			switch ((int) (key & 7)) {
				case 0 -> field.accept(number, varint(message, at));
				case 1 -> {
					field.accept(number, fixed(message, at, 8));
				}
				case 2 -> {
					int length = (int) varint(message, at);
					byte[] value = new byte[length];
					System.arraycopy(message, at[0], value, 0, length);
					at[0] += length;
					field.accept(number, value);
				}
				case 5 -> field.accept(number, fixed(message, at, 4));
				default -> throw new IllegalArgumentException("Unknown wire type in field " + number);
			}
		}
	}

	private static long varint(byte[] message, int[] at) {
		long value = 0;
		for (int shift = 0;; shift += 7) {
			byte b = message[at[0]++];
			value |= (long) (b & 0x7f) << shift;
			if (b >= 0) {
				return value;
			}
		}
	}

	private static long fixed(byte[] message, int[] at, int bytes) {
		long value = 0;
		for (int i = 0; i < bytes; i++) {
			value |= (long) (message[at[0]++] & 0xff) << (8 * i);
		}
		return value;
	}

	/** One span as exported: hex ids ({@code parentSpanId} empty for a root). */
	record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
			List<String> linkedTraceIds) {

	}

}
