package org.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandbench.host.ToolProbes;
import org.sandbench.models.Availability;
import org.sandbench.testing.Require;
import org.sandbench.testing.TestHome;

/** The report in a real browser: loads without errors, every figure renders, nothing leaves the disk. */
class ChromiumReportTest {

    @TempDir
    Path tmp;

    @Test
    void theReportLoadsInHeadlessChromiumWithEveryFigureRendered() throws Exception {
        Availability chromium = ToolProbes.chromium();
        Require.capability("chromium", chromium);
        Path set = TestSets.complete(tmp, "complete");
        Report.Written w = Report.write(set);
        Path shot = TestHome.home().root().resolve("harness/target/report-screenshots/complete.png");
        try (HeadlessChromium browser = new HeadlessChromium(chromium.reason())) {
            browser.load(w.index());
            List<HeadlessChromium.Image> images = browser.images();
            assertEquals(w.figures(), images.size(), "one <img> per figure");
            for (HeadlessChromium.Image i : images) {
                assertTrue(i.complete() && i.naturalWidth() > 0 && i.naturalHeight() > 0, "rendered: " + i);
                assertTrue(i.src().startsWith("file:"), i.src());
            }
            assertEquals(List.of(), browser.errors(), "console errors, exceptions, failed loads");
            for (String url : browser.requests())
                assertTrue(url.startsWith("file:") || url.startsWith("data:"), "no network request: " + url);
            browser.screenshot(shot);
        }
        byte[] png = Files.readAllBytes(shot);
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot at " + shot);
        System.err.println("report screenshot: " + shot);
    }

    /**
     * The committed reference report, as a browser shows it; also the way for a person to look at any
     * report: -Dsandbench.screenshot=DIR writes harness/target/report-screenshots/NAME-partN.png of DIR.
     */
    @Test
    void theCommittedReferenceReportLoadsCleanly() throws Exception {
        Availability chromium = ToolProbes.chromium();
        Require.capability("chromium", chromium);
        Path set = TestHome.home().root().resolve(System.getProperty("sandbench.screenshot", "results/reference"));
        Path index = set.resolve("report/index.html");
        Path shot = TestHome.home().root().resolve("harness/target/report-screenshots/" + set.getFileName() + ".png");
        try (HeadlessChromium browser = new HeadlessChromium(chromium.reason())) {
            browser.load(index);
            assertTrue(browser.images().stream().allMatch(i -> i.complete() && i.naturalWidth() > 0), "figures render");
            assertEquals(List.of(), browser.errors());
            browser.screenshot(shot);
        }
    }
}
