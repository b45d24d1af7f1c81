package org.sandbench.report;

import org.jfree.chart.JFreeChart;

/**
 * One figure of a report: a chart with the file name it is saved under (in its
 * family's folder), its size in pixels, and a caption that says how to read it.
 *
 * @param name    file name without extension, stable across runs (e.g. "overhead-getpid")
 * @param caption one or two sentences for the report and the image's alt text
 */
public record Figure(String name, JFreeChart chart, int width, int height, String caption) {
}
