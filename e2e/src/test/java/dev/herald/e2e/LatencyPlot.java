package dev.herald.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;

/**
 * Draws latency by percentile, HdrHistogram style: the x axis spreads the tail (90%, 99%,
 * 99.9%, …) evenly, the y axis is milliseconds. One line per named histogram.
 */
final class LatencyPlot {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 520;

	private static final int MARGIN = 70;

	private static final double MAX_NINES = 4;

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c) };

	private LatencyPlot() {
	}

	record Series(String name, Histogram histogram) {
	}

	static void write(String title, List<Series> series, Path png) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		double maxMillis = series.stream().mapToDouble((s) -> s.histogram().getMaxValue() / 1e6).max().orElse(1);
		double top = niceCeiling(maxMillis);
		axes(g, title, top);
		for (int i = 0; i < series.size(); i++) {
			line(g, series.get(i), top, COLORS[i % COLORS.length], i);
		}
		g.dispose();
		try {
			Files.createDirectories(png.getParent());
			ImageIO.write(image, "png", png.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void axes(Graphics2D g, String title, double top) {
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		g.drawString(title, MARGIN, 30);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN);
		g.drawLine(MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN);
		String[] labels = { "0%", "90%", "99%", "99.9%", "99.99%" };
		for (int nines = 0; nines <= MAX_NINES; nines++) {
			int x = x(nines);
			g.setColor(Color.LIGHT_GRAY);
			g.drawLine(x, MARGIN, x, HEIGHT - MARGIN);
			g.setColor(Color.BLACK);
			g.drawString(labels[nines], x - 15, HEIGHT - MARGIN + 18);
		}
		for (int step = 0; step <= 5; step++) {
			double millis = top * step / 5;
			int y = y(millis, top);
			g.setColor(Color.LIGHT_GRAY);
			g.drawLine(MARGIN, y, WIDTH - MARGIN, y);
			g.setColor(Color.BLACK);
			g.drawString(String.format("%.0f ms", millis), 10, y + 4);
		}
		g.drawString("percentile", WIDTH / 2 - 30, HEIGHT - 25);
	}

	private static void line(Graphics2D g, Series series, double top, Color color, int index) {
		g.setColor(color);
		g.setStroke(new BasicStroke(2f));
		int previousX = -1;
		int previousY = -1;
		for (int step = 0; step <= 400; step++) {
			double nines = MAX_NINES * step / 400;
			double percentile = 100 * (1 - Math.pow(10, -nines));
			double millis = series.histogram().getValueAtPercentile(percentile) / 1e6;
			int x = x(nines);
			int y = y(millis, top);
			if (previousX >= 0) {
				g.drawLine(previousX, previousY, x, y);
			}
			previousX = x;
			previousY = y;
		}
		g.drawString(series.name(), WIDTH - MARGIN - 220, MARGIN + 20 + 18 * index);
	}

	private static int x(double nines) {
		return MARGIN + (int) ((WIDTH - 2 * MARGIN) * nines / MAX_NINES);
	}

	private static int y(double millis, double top) {
		return HEIGHT - MARGIN - (int) ((HEIGHT - 2 * MARGIN) * Math.min(millis, top) / top);
	}

	private static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * magnitude >= value) {
				return factor * magnitude;
			}
		}
		return 10 * magnitude;
	}

}
