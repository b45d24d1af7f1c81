package org.sandbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sandbench.report.Caveats;
import org.sandbench.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Charts and a self-contained HTML report for a result set: writes DIR/report/index.html.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A result folder (written by run, sweep or escapes).")
    Path dir;

    @Override
    public Integer call() {
        Report.Written w = Report.write(dir);
        print(w);
        return 0;
    }

    static void print(Report.Written w) {
        long warnings = w.caveats().stream().filter(c -> c.level() == Caveats.Level.WARNING).count();
        if (!w.absent().isEmpty())
            System.err.println("sandbench report: absent here: " + String.join(", ",
                    w.absent().stream().map(p -> p.file).toList()));
        System.err.printf("sandbench report: %d figures, %d caveats (%d warnings)%n", w.figures(), w.caveats().size(),
                warnings);
        System.out.println("report: " + w.index().toAbsolutePath().normalize());
    }
}
