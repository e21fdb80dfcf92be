package dev.herald.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage of the event path as a service measures it: a Micrometer timer published with
 * a percentile histogram ({@code <name>_seconds_bucket{le=…}} in
 * {@code /actuator/prometheus}). Two scrapes give the distribution of what happened
 * between them; percentiles are interpolated within the bucket they fall in (Micrometer's
 * buckets are about 10 % to 30 % apart), so they are approximate.
 *
 * @param stage what the stage is, for the report
 * @param baseUrl the service
 * @param metric the Prometheus name without {@code _seconds_bucket}
 */
record StageLatency(String stage, String baseUrl, String metric) {

	private static final HttpClient http = HttpClient.newHttpClient();

	/**
	 * Cumulative counts by upper bound in seconds, now; empty when the service has none.
	 */
	Buckets scrape() {
		TreeMap<Double, Double> counts = new TreeMap<>();
		String prefix = this.metric + "_seconds_bucket{";
		for (String line : body().lines().toList()) {
			if (line.startsWith(prefix)) {
				String le = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
				double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
				counts.merge(bound, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
			}
		}
		return new Buckets(counts);
	}

	private String body() {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/actuator/prometheus")).build();
			return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Cumulative counts by upper bound (seconds). */
	record Buckets(TreeMap<Double, Double> counts) {

		/** What was recorded after {@code before}. */
		Buckets since(Buckets before) {
			TreeMap<Double, Double> delta = new TreeMap<>();
			this.counts.forEach((bound, count) -> delta.put(bound, count - before.counts.getOrDefault(bound, 0.0)));
			return new Buckets(delta);
		}

		double total() {
			return this.counts.isEmpty() ? 0 : this.counts.lastEntry().getValue();
		}

		/** The percentile in milliseconds, or NaN when nothing was recorded. */
		double millis(double percentile) {
			double total = total();
			if (total <= 0) {
				return Double.NaN;
			}
			double rank = total * percentile / 100;
			double lowerBound = 0;
			double lowerCount = 0;
			for (Map.Entry<Double, Double> bucket : this.counts.entrySet()) {
				if (bucket.getValue() >= rank) {
					double upper = bucket.getKey().isInfinite() ? lowerBound * 2 : bucket.getKey();
					double inBucket = bucket.getValue() - lowerCount;
					double fraction = (inBucket > 0) ? (rank - lowerCount) / inBucket : 1;
					return (lowerBound + (upper - lowerBound) * fraction) * 1000;
				}
				lowerBound = bucket.getKey();
				lowerCount = bucket.getValue();
			}
			return lowerBound * 1000;
		}

	}

	/** One row per stage: p50, p99, p99.9 between the two sets of scrapes. */
	static String table(List<StageLatency> stages, List<Buckets> before, List<Buckets> after) {
		List<String> rows = new ArrayList<>();
		rows.add("| stage (measured by the service) | p50 ms | p99 ms | p99.9 ms | count |");
		rows.add("| --- | ---: | ---: | ---: | ---: |");
		for (int i = 0; i < stages.size(); i++) {
			Buckets delta = after.get(i).since(before.get(i));
			rows.add(String.format("| %s | %.1f | %.1f | %.1f | %.0f |", stages.get(i).stage(), delta.millis(50),
					delta.millis(99), delta.millis(99.9), delta.total()));
		}
		return String.join("\n", rows);
	}

}
