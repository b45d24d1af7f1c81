package org.sandbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** CSV reading and writing with one fixed dialect (RFC 4180, LF line ends, a header row). */
public final class Csv {
    private Csv() {
    }

    private static CSVFormat format(List<String> header) {
        return CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(header.toArray(String[]::new)).get();
    }

    /** Writes a whole file. */
    public static void write(Path file, List<String> header, List<List<String>> rows) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, format(header))) {
            for (List<String> r : rows)
                p.printRecord(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file written a few rows at a time (raw samples as trials finish), flushed after each append. */
    public static final class Appender implements AutoCloseable {
        private final CSVPrinter printer;

        public Appender(Path file, List<String> header) {
            this(file, header, false);
        }

        /** @param append add rows to an existing file written with the same header (a second backend of one run) */
        public Appender(Path file, List<String> header, boolean append) {
            try {
                boolean cont = append && Files.exists(file) && Files.size(file) > 0;
                Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        cont ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                printer = new CSVPrinter(w, cont ? CSVFormat.RFC4180.builder().setRecordSeparator('\n').get() : format(header));
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public synchronized void append(List<List<String>> rows) {
            try {
                for (List<String> r : rows)
                    printer.printRecord(r);
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() {
            try {
                printer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static List<Map<String, String>> read(Path file) {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord r : p)
                out.add(r.toMap());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> header(Path file) {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return p.getHeaderNames();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nanoseconds with three decimals, locale-independent; empty for NaN. */
    public static String ns(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    public static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
