package dev.herald.testinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A push service (RFC 8030) for tests, standing in for FCM or Mozilla's autopush: it
 * hands out subscriptions as a browser would (a P-256 key pair and an auth secret of its
 * own per subscription), and for every message posted to one it checks the VAPID header
 * (RFC 8292: {@code vapid t=<ES256 JWT>, k=<public key>}, the JWT signed by that key, for
 * this service's origin, not expired, at most 24 h long, with a contact {@code sub};
 * {@code k} the expected application server key), decrypts the aes128gcm body (RFC 8291,
 * RFC 8188) with the subscription's private key and keeps the plaintext. A message that
 * fails a check is answered 401 or 400 and listed in {@link #refusals()}. Answers can be
 * scripted per subscription (201, 404, 410, 429 with Retry-After, 503...). JDK only:
 * {@code com.sun.net.httpserver} and JDK crypto.
 */
public final class TestPushService implements AutoCloseable {

	private static final Pattern VAPID = Pattern.compile("vapid t=([A-Za-z0-9_\\-.]+), ?k=([A-Za-z0-9_\\-]+)");

	private final HttpServer server;

	private final Map<String, Browser> browsers = new ConcurrentHashMap<>();

	private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

	private final List<Message> received = new CopyOnWriteArrayList<>();

	private final List<String> refusals = new CopyOnWriteArrayList<>();

	private volatile byte[] applicationServerKey;

	private TestPushService(HttpServer server) {
		this.server = server;
	}

	/** Starts on 127.0.0.1 at a free port. */
	public static TestPushService start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			TestPushService service = new TestPushService(server);
			server.createContext("/push/", service::handle);
			server.start();
			return service;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the test push service", ex);
		}
	}

	/** {@code http://127.0.0.1:<port>}, the VAPID audience of its endpoints. */
	public String origin() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Only messages signed with this key (base64url, uncompressed point) are taken. */
	public void expectApplicationServerKey(String base64Url) {
		this.applicationServerKey = decode(base64Url);
	}

	/** A new subscription, as {@code pushManager.subscribe()} gives a page. */
	public Browser subscribe() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keys = generator.generateKeyPair();
			byte[] auth = new byte[16];
			new SecureRandom().nextBytes(auth);
			String id = UUID.randomUUID().toString();
			Browser browser = new Browser(id, origin() + "/push/" + id,
					encode(uncompressed((ECPublicKey) keys.getPublic())), encode(auth), keys, auth);
			this.browsers.put(id, browser);
			return browser;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The next messages to this subscription get these answers, in order; afterwards 201
	 * again. {@code retryAfter} is sent as {@code Retry-After} when not null.
	 */
	public void answer(Browser browser, int status, String retryAfter) {
		this.scripts.computeIfAbsent(browser.id(), (id) -> new ArrayDeque<>()).add(new Answer(status, retryAfter));
	}

	/** The subscription no longer exists: every message gets 410 Gone. */
	public void unsubscribe(Browser browser) {
		this.browsers.remove(browser.id());
	}

	/** Messages accepted (201), decrypted, in arrival order. */
	public List<Message> received(Browser browser) {
		return this.received.stream().filter((m) -> m.subscriptionId().equals(browser.id())).toList();
	}

	/** Every request received for this subscription, whatever it was answered. */
	public int attempts(Browser browser) {
		return this.attempts.getOrDefault(browser.id(), 0);
	}

	private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

	/** Messages refused because a check failed, with the reason. */
	public List<String> refusals() {
		return List.copyOf(this.refusals);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String id = exchange.getRequestURI().getPath().substring("/push/".length());
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.attempts.merge(id, 1, Integer::sum);
			if (!"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, null);
				return;
			}
			Browser browser = this.browsers.get(id);
			if (browser == null) {
				respond(exchange, 410, null);
				return;
			}
			Deque<Answer> script = this.scripts.get(id);
			Answer scripted = (script != null) ? script.poll() : null;
			if (scripted != null && scripted.status() != 201) {
				respond(exchange, scripted.status(), scripted.retryAfter());
				return;
			}
			Optional<String> refusal = check(exchange, browser, body);
			if (refusal.isPresent()) {
				this.refusals.add(id + ": " + refusal.get());
				respond(exchange, refusal.get().startsWith("vapid") ? 401 : 400, null);
				return;
			}
			respond(exchange, 201, null);
		}
	}

	private Optional<String> check(HttpExchange exchange, Browser browser, byte[] body) {
		var headers = exchange.getRequestHeaders();
		if (!"aes128gcm".equals(headers.getFirst("Content-Encoding"))) {
			return Optional.of("content: Content-Encoding is " + headers.getFirst("Content-Encoding"));
		}
		String ttl = headers.getFirst("TTL");
		if (ttl == null || !ttl.matches("\\d+")) {
			return Optional.of("ttl: TTL header missing or not a number: " + ttl);
		}
		String authorization = headers.getFirst("Authorization");
		Matcher vapid = VAPID.matcher((authorization != null) ? authorization : "");
		if (!vapid.matches()) {
			return Optional.of("vapid: Authorization is not 'vapid t=..., k=...': " + authorization);
		}
		Optional<String> token = checkToken(vapid.group(1), decode(vapid.group(2)));
		if (token.isPresent()) {
			return token;
		}
		try {
			String payload = new String(decrypt(browser, body), StandardCharsets.UTF_8);
			this.received.add(new Message(browser.id(), payload, Integer.parseInt(ttl), headers.getFirst("Urgency"),
					headers.getFirst("Topic"), Instant.now()));
			return Optional.empty();
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return Optional.of("content: cannot decrypt: " + ex);
		}
	}

	private Optional<String> checkToken(String jwt, byte[] key) {
		if (this.applicationServerKey != null && !Arrays.equals(this.applicationServerKey, key)) {
			return Optional.of("vapid: k is not the expected application server key");
		}
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			return Optional.of("vapid: t is not a JWS");
		}
		String header = new String(decode(parts[0]), StandardCharsets.UTF_8);
		String claims = new String(decode(parts[1]), StandardCharsets.UTF_8);
		if (!header.replace(" ", "").contains("\"alg\":\"ES256\"")) {
			return Optional.of("vapid: alg is not ES256: " + header);
		}
		try {
			Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
			verifier.initVerify(publicKey(key));
			verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!verifier.verify(decode(parts[2]))) {
				return Optional.of("vapid: signature does not verify with k");
			}
		}
		catch (GeneralSecurityException ex) {
			return Optional.of("vapid: cannot verify: " + ex);
		}
		String aud = claim(claims, "\"aud\"\\s*:\\s*\"([^\"]*)\"");
		String sub = claim(claims, "\"sub\"\\s*:\\s*\"([^\"]*)\"");
		String exp = claim(claims, "\"exp\"\\s*:\\s*(\\d+)");
		long now = Instant.now().getEpochSecond();
		if (!origin().equals(aud)) {
			return Optional.of("vapid: aud is " + aud + ", not " + origin());
		}
		if (exp == null || Long.parseLong(exp) <= now || Long.parseLong(exp) > now + 24 * 3600) {
			return Optional.of("vapid: exp " + exp + " is past or more than 24 h ahead");
		}
		if (sub == null || !(sub.startsWith("mailto:") || sub.startsWith("https:"))) {
			return Optional.of("vapid: sub " + sub + " is not a mailto: or https: contact");
		}
		return Optional.empty();
	}

	/** RFC 8291 section 3 and RFC 8188: what a browser does with the body. */
	private static byte[] decrypt(Browser browser, byte[] body) throws GeneralSecurityException {
		ByteBuffer in = ByteBuffer.wrap(body);
		byte[] salt = new byte[16];
		in.get(salt);
		int recordSize = in.getInt();
		int keyIdLength = in.get() & 0xff;
		if (keyIdLength != 65 || recordSize < 18) {
			throw new GeneralSecurityException("header: idlen " + keyIdLength + ", rs " + recordSize);
		}
		byte[] serverKey = new byte[65];
		in.get(serverKey);
		byte[] cipherText = new byte[in.remaining()];
		in.get(cipherText);
		KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(browser.keys().getPrivate());
		agreement.doPhase(publicKey(serverKey), true);
		byte[] shared = agreement.generateSecret();
		byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), decode(browser.p256dh()),
				serverKey);
		byte[] ikm = hkdf(browser.authSecret(), shared, keyInfo, 32);
		byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
		byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
		byte[] padded = cipher.doFinal(cipherText);
		int end = padded.length - 1;
		while (end >= 0 && padded[end] == 0) {
			end--;
		}
		if (end < 0 || padded[end] != 2) {
			throw new GeneralSecurityException("padding: no last-record delimiter 0x02");
		}
		return Arrays.copyOf(padded, end);
	}

	private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(salt, "HmacSHA256"));
		byte[] prk = mac.doFinal(ikm);
		mac.init(new SecretKeySpec(prk, "HmacSHA256"));
		return Arrays.copyOf(mac.doFinal(concat(info, new byte[] { 1 })), length);
	}

	private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		ECParameterSpec params = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
		ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
				new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
		return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
	}

	private static byte[] uncompressed(ECPublicKey key) {
		byte[] out = new byte[65];
		out[0] = 4;
		byte[] x = key.getW().getAffineX().toByteArray();
		byte[] y = key.getW().getAffineY().toByteArray();
		System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + Math.max(0, 32 - x.length), Math.min(32, x.length));
		System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + Math.max(0, 32 - y.length), Math.min(32, y.length));
		return out;
	}

	private static String claim(String json, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static void respond(HttpExchange exchange, int status, String retryAfter) throws IOException {
		if (retryAfter != null) {
			exchange.getResponseHeaders().add("Retry-After", retryAfter);
		}
		if (status == 201) {
			exchange.getResponseHeaders().add("Location", "/message/" + UUID.randomUUID());
		}
		exchange.sendResponseHeaders(status, -1);
		OutputStream ignored = exchange.getResponseBody();
		ignored.close();
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		ByteBuffer out = ByteBuffer.allocate(length);
		for (byte[] part : parts) {
			out.put(part);
		}
		return out.array();
	}

	private static byte[] decode(String base64Url) {
		return Base64.getUrlDecoder().decode(base64Url.replace("=", ""));
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * One subscription as a browser holds it.
	 *
	 * @param id the last path segment of its endpoint
	 * @param endpoint where the application server posts
	 * @param p256dh the browser's public key, base64url
	 * @param auth the auth secret, base64url
	 * @param keys the browser's key pair
	 * @param authSecret the auth secret
	 */
	public record Browser(String id, String endpoint, String p256dh, String auth, KeyPair keys, byte[] authSecret) {

		/** The {@code PushSubscription.toJSON()} a page posts to the server. */
		public String toJson() {
			return "{\"endpoint\":\"" + this.endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
					+ this.p256dh + "\",\"auth\":\"" + this.auth + "\"}}";
		}

	}

	/**
	 * A message the push service accepted.
	 *
	 * @param subscriptionId whose it is
	 * @param payload the decrypted plaintext
	 * @param ttl its {@code TTL} header
	 * @param urgency its {@code Urgency} header, or {@code null}
	 * @param topic its {@code Topic} header, or {@code null}
	 * @param receivedAt when it arrived
	 */
	public record Message(String subscriptionId, String payload, int ttl, String urgency, String topic,
			Instant receivedAt) {

	}

	private record Answer(int status, String retryAfter) {

	}

}
