package dev.herald.e2e;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks an index in [0, n) with probability proportional to {@code 1 / (rank + 1)^s}:
 * index 0 is the most popular user. {@code s = 0} is uniform.
 */
final class Zipf {

	private final double[] cumulative;

	Zipf(int n, double s) {
		this.cumulative = new double[n];
		double sum = 0;
		for (int i = 0; i < n; i++) {
			sum += 1 / Math.pow(i + 1, s);
			this.cumulative[i] = sum;
		}
		for (int i = 0; i < n; i++) {
			this.cumulative[i] /= sum;
		}
	}

	int next() {
		int found = Arrays.binarySearch(this.cumulative, ThreadLocalRandom.current().nextDouble());
		return Math.min((found >= 0) ? found : -found - 1, this.cumulative.length - 1);
	}

}
