package org.sandbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sandbench.backend.TrialParser;
import org.sandbench.escapes.Arena;
import org.sandbench.backend.container.DockerEngine;
import org.sandbench.escapes.Attempt;
import org.sandbench.escapes.AttemptCatalog;
import org.sandbench.escapes.ContainerExecutor;
import org.sandbench.escapes.EscapeModel;
import org.sandbench.escapes.EscapeRow;
import org.sandbench.escapes.EscapeRun;
import org.sandbench.escapes.Expectations;
import org.sandbench.escapes.HostCondition;
import org.sandbench.escapes.JailRunner;
import org.sandbench.escapes.MatrixView;
import org.sandbench.escapes.ReferencePolicies;
import org.sandbench.escapes.SandboxBinaries;
import org.sandbench.harness.Home;
import org.sandbench.harness.SandbenchException;
import org.sandbench.host.Commands;
import org.sandbench.models.Availability;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.CompatLevel;
import org.sandbench.models.oci.ContainerModel;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.seccomp.SeccompAction;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.results.Csv;
import org.sandbench.results.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "escapes", mixinStandardHelpOptions = true, description = "The escape-coverage matrix: each attempt of the corpus under the baseline and "
        + "each model, judged from evidence the harness checks itself (docs/escapes.md).")
final class EscapesCommand implements Callable<Integer> {
    /** A dedicated uid no account uses; the setuid binary belongs to the next one. */
    static final int DEFAULT_UID = 64123;

    @Option(names = "--models", split = ",", paramLabel = "M",
            description = "Models (default: none, seccomp, landlock, seccomp+landlock, seccomp-naive); none is always run as the "
                    + "baseline. In Docker containers: container-none (added with any container column), docker-default, "
                    + "docker-seccomp, oci:FILE.")
    List<String> models;

    @Option(names = "--attempts", split = ",", paramLabel = "A", description = "Attempt ids or category names (default: all).")
    List<String> attempts;

    @Option(names = "--attempts-dir", paramLabel = "DIR",
            description = "Run the attempts in DIR (C files with a sandbench-attempt header, built here; docs/escapes.md); "
                    + "with --attempts, select from them and the corpus.")
    Path attemptsDir;

    @Option(names = "--expect", paramLabel = "FILE",
            description = "Expected verdicts (CSV: attempt,model,mode,expected); default: the shipped file for this kernel "
                    + "when there is one, else the attempts' metadata.")
    Path expect;

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/runs/<UTC time>-escapes).")
    Path out;

    @Option(names = "--mode", paramLabel = "retrofit|self", defaultValue = "retrofit",
            description = "Who applies the sandbox: the launcher before exec (retrofit) or the attempt itself (self).")
    String mode;

    @Option(names = "--seccomp-default", paramLabel = "ACTION",
            description = "Override S1's default action (kill-process); errno gives the catalogue's ERRNO twin.")
    String seccompDefault;

    @Option(names = "--landlock-abi", paramLabel = "N", description = "Compile LL-n for this ABI (default: the newest known, masked to the kernel's).")
    Integer landlockAbi;

    @Option(names = "--uid", paramLabel = "UID", defaultValue = "" + DEFAULT_UID,
            description = "The unprivileged uid attempts run as (default ${DEFAULT-VALUE}; UID+1 owns the setuid binary).")
    int uid;

    @Option(names = "--namespaces", paramLabel = "auto|none", defaultValue = "auto",
            description = "Arena namespaces: auto (every one the host allows) or none (as on a host that refuses them; "
                    + "attempts that need a PID namespace become NA_HOST).")
    String namespaces;

    @Option(names = "--list", description = "List the attempts and their metadata instead of running them.")
    boolean list;

    private final Session session = new Session();

    @Override
    public Integer call() {
        Mode m;
        SeccompAction def;
        try {
            m = Mode.parse(mode);
            def = seccompDefault == null ? null : SeccompAction.parse(seccompDefault);
            if (landlockAbi != null && landlockAbi < 1)
                throw new IllegalArgumentException("--landlock-abi must be 1 or more");
            if (!namespaces.equals("auto") && !namespaces.equals("none"))
                throw new IllegalArgumentException("--namespaces is auto or none, not '" + namespaces + "'");
            if (uid < 1000 || uid > 4_000_000)
                throw new IllegalArgumentException("--uid must be an unprivileged uid between 1000 and 4000000");
        } catch (IllegalArgumentException e) {
            throw SandbenchException.usage(e.getMessage());
        }
        List<EscapeModel> chosen = new ArrayList<>();
        for (String id : models == null ? EscapeModel.all().stream().map(EscapeModel::id).toList() : models) {
            try {
                chosen.add(EscapeModel.byId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw SandbenchException.usage(e.getMessage());
            }
            if (ContainerModel.isProfileId(id.trim()) && !Files.isReadable(ContainerModel.profile(id.trim()).profileFile().orElseThrow()))
                throw SandbenchException.usage("model " + id.trim() + ": " + id.trim().substring(ContainerModel.PROFILE_PREFIX.length())
                        + " is not a readable file (oci:FILE names an OCI seccomp profile, e.g. one written by "
                        + "./sandbench policy export)");
        }
        if (list) {
            listAttempts(loadCatalog(session.home()));
            return 0;
        }
        Path dir = out != null ? out : session.home().root().resolve("results/runs")
                .resolve(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")) + "-escapes");
        Settings s = new Settings(chosen, attempts, attemptsDir, expect, m,
                new SeccompCompiler.Options(def, 1, false),
                new LandlockCompiler.Options(landlockAbi == null ? LandlockAbi.LATEST_KNOWN : new LandlockAbi(landlockAbi),
                        CompatLevel.BEST_EFFORT), uid, namespaces.equals("auto"), models != null);
        return matrix(session, s, dir, System.out, System.err, true);
    }

    record Settings(List<EscapeModel> models, List<String> attempts, Path attemptsDir, Path expect, Mode mode,
                    SeccompCompiler.Options seccomp, LandlockCompiler.Options landlock, int uid, boolean namespaces,
                    boolean explicitModels) {
        static Settings defaults() {
            return new Settings(EscapeModel.all(), null, null, null, Mode.RETROFIT, SeccompCompiler.Options.defaults(),
                    LandlockCompiler.Options.defaults(), DEFAULT_UID, true, false);
        }

        Settings withModels(List<EscapeModel> m) {
            return new Settings(m, attempts, attemptsDir, expect, mode, seccomp, landlock, uid, namespaces, explicitModels);
        }
    }

    /**
     * The escape matrix with its defaults, as part of `sandbench run`; skipped loudly when the host cannot host the arena.
     * Where Docker answers, the three container columns join (docker-default is a SPEC model, docker-seccomp the round
     * trip of S1, container-none what tells them apart from the container itself): 189 container starts, measured at
     * about 45 s on the 2-core development machine, beside the host columns' 30 s and the overhead matrix's 5 minutes.
     */
    static int forRun(Session session, Path dir) {
        System.err.println();
        System.err.println("sandbench run: the escape matrix (sandbench escapes)");
        Settings s = Settings.defaults();
        Availability docker = session.availability(EscapeModel.DOCKER_DEFAULT.mechanism());
        if (docker.available()) {
            List<EscapeModel> m = new ArrayList<>(s.models());
            m.addAll(EscapeModel.containers());
            s = s.withModels(m);
        } else {
            System.err.println("sandbench run: escape matrix without container columns: " + docker.reason());
        }
        try {
            return matrix(session, s, dir, System.out, System.err, false);
        } catch (SandbenchException e) {
            if (e.exitCode() != SandbenchException.MISSING)
                throw e;
            System.err.println("sandbench run: escape matrix SKIPPED: " + e.getMessage());
            return 0;
        }
    }

    static AttemptCatalog loadCatalog(Home home) {
        return loadCatalog(home, home.nativeBuild());
    }

    /** The corpus with each attempt's binary under build (native/build, or the sandbox uid's staged copy). */
    static AttemptCatalog loadCatalog(Home home, Path build) {
        Path bins = build.resolve("escapes");
        return AttemptCatalog.load(home.workloads().resolve("escapes"), src -> bins.resolve(stem(src)));
    }

    private static String stem(Path src) {
        String n = src.getFileName().toString();
        return n.substring(0, n.length() - 2);
    }

    /**
     * Runs the matrix and writes escapes.csv (and escapes-transcript.txt) into dir.
     *
     * @param writeEnv whether to write env.json (run writes its own)
     * @return the exit code: 0, or 1 when a verdict contradicts its expectation or a run failed
     */
    static int matrix(Session session, Settings s, Path dir, PrintStream out, PrintStream err, boolean writeEnv) {
        Home home = session.home();
        Path jailBin = home.nativeBuild().resolve("bin/sb-jail");
        for (String b : List.of("bin/sb-jail", "bin/sb-victim", "bin/sb-marker"))
            if (!Files.isExecutable(home.nativeBuild().resolve(b)))
                throw SandbenchException.missing(home.nativeBuild().resolve(b) + " is not built: run make -C native");
        JailRunner jail = new JailRunner(jailBin);
        if (!jail.root())
            throw SandbenchException.missing("the escape arena needs root: it drops each attempt to a dedicated uid, creates "
                    + "namespaces and plants a setuid binary; rerun as root (sudo ./sandbench escapes)");
        List<EscapeModel> models = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (EscapeModel m : s.models()) {
            Availability a = session.availability(m.mechanism());
            if (a.available()) {
                models.add(m);
            } else if (m.isContainer()) {
                // Container columns stay, NA_HOST with the reason (docs/containers.md: "Without Docker ...").
                models.add(m);
                unavailable.put(m.id(), a.reason());
                if (!m.equals(EscapeModel.CONTAINER_NONE) || s.models().stream().noneMatch(EscapeModel::isContainer))
                    err.println("sandbench escapes: model " + m.id() + " is NA: unavailable on this host: " + a.reason());
            } else if (s.explicitModels()) {
                throw SandbenchException.missing("model " + m.id() + " is unavailable on this host: " + a.reason());
            } else {
                err.println("sandbench escapes: model " + m.id() + " SKIPPED: unavailable on this host: " + a.reason());
            }
        }
        if (models.stream().anyMatch(EscapeModel::isContainer) && !unavailable.containsKey(EscapeModel.CONTAINER_NONE.id())) {
            Availability a = session.availability(EscapeModel.CONTAINER_NONE.mechanism());
            if (!a.available())
                unavailable.put(EscapeModel.CONTAINER_NONE.id(), a.reason());
        }
        checkUidUnused(s.uid());
        checkUidUnused(s.uid() + 1);
        Arena.Features features = s.namespaces() ? jail.probe() : new Arena.Features(false, false, false, false);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int abi = session.facts().landlockAbi();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (SandboxBinaries bins = SandboxBinaries.forUid(home.nativeBuild(), tmp);
             Arena arena = Arena.create(tmp, s.uid(), s.uid() + 1, features,
                bins.dir().resolve("bin/sb-victim"), bins.dir().resolve("bin/sb-marker"))) {
            if (bins.staged())
                err.println("sandbench escapes: uid " + s.uid() + " cannot reach " + home.nativeBuild()
                        + " (a folder above it is not searchable by others): the programs it runs are staged in " + bins.dir());
            AttemptCatalog catalog = loadCatalog(home, bins.dir());
            List<Attempt> selected;
            if (s.attemptsDir() != null) {
                // A researcher's own attempts: built against the attempt runtime into the arena.
                AttemptCatalog user = userAttempts(home, s.attemptsDir().toAbsolutePath(),
                        arena.ws().getParent().resolve("user-bin"), err);
                catalog = catalog.plus(user);
                selected = s.attempts() == null ? user.all() : catalog.select(s.attempts());
            } else {
                selected = s.attempts() == null ? catalog.all() : catalog.select(s.attempts());
            }
            for (Attempt a : selected)
                if (!Files.isExecutable(a.binary()))
                    throw SandbenchException.missing(a.binary() + " (attempt " + a.id() + ") is not built: run make -C native");
            Expectations exp = chooseExpectations(home, s.expect(), session.facts().kernelRelease(), abi, err);
            if (s.seccomp().defaultAction() != null && s.expect() == null)
                exp = exp.without(java.util.Set.of("seccomp", "seccomp+landlock", "docker-seccomp"),
                        "they describe S1 with kill-process");
            if (!unavailable.isEmpty())
                exp = exp.without(unavailable.keySet(), "unavailable on this host");
            Path transcript = dir.resolve("escapes-transcript.txt");
            var config = new EscapeRun.Config(models, selected, s.mode(), s.seccomp(), s.landlock(), exp, abi,
                    HostCondition.localHost(), bins.dir().resolve("bin/sb-launch"), transcript, unavailable);
            ContainerExecutor containers = null;
            if (s.mode() == Mode.RETROFIT && config.models().stream().anyMatch(m -> m.isContainer() && !unavailable.containsKey(m.id()))) {
                Path build = home.nativeBuild(), staged = bins.dir();
                containers = new ContainerExecutor(jailBin, session.containerBackend(0),
                        p -> p.startsWith(staged) ? build.resolve(staged.relativize(p)) : p);
                err.println("sandbench escapes: container image " + containers.image() + " (Docker, network none, uid "
                        + s.uid() + ")");
            }
            err.printf("sandbench escapes: %d attempts x %d models (%s mode, Landlock ABI %d, pidns=%s netns=%s), expectations: %s -> %s%n",
                    selected.size(), config.models().size(), s.mode().id(), abi, features.pidns(), features.netns(), exp.source(), dir);
            err.println("columns: " + String.join(", ", config.modelIds()));
            long t0 = System.nanoTime();
            EscapeRun.Outcome o = new EscapeRun(arena, jail, new ReferencePolicies(home.models().resolve("reference")),
                    new TrialParser(session.syscalls()), err).withContainers(containers).run(config);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<String> leftovers = reapLeftovers(s.uid());
            Csv.write(dir.resolve("escapes.csv"), EscapeRow.HEADER, o.rows().stream().map(EscapeRow::cells).toList());
            if (writeEnv) {
                Environment env = Environment.capture(home, session.kernel(), RunCommand.commandLine(),
                        session.syscalls().libseccompVersion());
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("mode", s.mode().id());
                settings.put("models", config.modelIds());
                settings.put("attempts", selected.size());
                settings.put("expectations", exp.source());
                settings.put("sandbox_uid", s.uid());
                settings.put("arena", Map.of("pidns", features.pidns(), "netns", features.netns(), "ipcns", features.ipcns(),
                        "mntns", features.mntns()));
                if (config.models().stream().anyMatch(EscapeModel::isContainer))
                    settings.put("container", DockerEngine.describe());
                env.put("escapes", settings);
                env.write(dir.resolve("env.json"));
            }
            out.println();
            out.print(MatrixView.render(o.rows(), config.modelIds()));
            out.printf("%n%d runs in %.1f s; results: %s%n", o.rows().size(), ms / 1000.0, dir.resolve("escapes.csv"));
            List<String> bad = MatrixView.mismatches(o.rows());
            for (String f : o.failures())
                err.println("sandbench: FAILED " + f);
            for (String l : leftovers)
                err.println("sandbench: FAILED " + l);
            for (String b : bad)
                err.println("sandbench: UNEXPECTED " + b);
            if (!bad.isEmpty() || !o.failures().isEmpty() || !leftovers.isEmpty())
                return SandbenchException.FAILED;
            // A column asked for by name that this host cannot run: NA rows written, and exit 3 (as `run` does).
            if (s.explicitModels() && s.models().stream().anyMatch(m -> unavailable.containsKey(m.id())))
                return SandbenchException.MISSING;
            return 0;
        }
    }

    static Expectations chooseExpectations(Home home, Path expect, String release, int abi, PrintStream err) {
        if (expect != null)
            return Expectations.load(expect);
        Path shipped = shippedExpectations(home, release, abi);
        return Files.isRegularFile(shipped) ? Expectations.load(shipped) : Expectations.metadataOnly();
    }

    /** workloads/escapes/expected/linux-MAJOR.MINOR-abiN.csv: the kernel the expectations were observed on. */
    static Path shippedExpectations(Home home, String release, int abi) {
        String[] v = release.split("[.-]");
        String mm = v.length >= 2 ? v[0] + "." + v[1] : release;
        return home.workloads().resolve("escapes/expected/linux-" + mm + "-abi" + abi + ".csv");
    }

    /** Builds DIR/*.c against the attempt runtime (make user-attempt) into binDir. */
    static AttemptCatalog userAttempts(Home home, Path dir, Path binDir, PrintStream err) {
        AttemptCatalog c = AttemptCatalog.load(dir, src -> binDir.resolve(stem(src)));
        try {
            Files.createDirectories(binDir);
            Files.setAttribute(binDir, "unix:mode", 0755);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Attempt a : c.all()) {
            Commands.Result r = Commands.run(List.of("make", "-s", "-C", home.root().resolve("native").toString(), "user-attempt",
                    "USER_SRC=" + a.source(), "USER_OUT=" + a.binary()), 120_000);
            if (!r.ok())
                throw SandbenchException.usage("cannot build attempt " + a.id() + " (" + a.source() + "):\n" + r.out() + r.err());
            err.println("sandbench escapes: built " + a.source() + " -> " + a.binary());
        }
        return c;
    }

    /**
     * Processes of the sandbox uid still alive after the matrix.  The uid was unused when the run
     * began, so anything running under it was started by the harness; with a PID namespace the
     * kernel has already killed it all, without one this is the backstop.
     */
    static List<String> reapLeftovers(int uid) {
        List<String> out = new ArrayList<>();
        for (long pid : pidsOf(uid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            out.add("process " + pid + " of the sandbox uid " + uid + " outlived its run (killed)");
        }
        return out;
    }

    private static List<Long> pidsOf(int uid) {
        List<Long> pids = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    for (String l : Files.readAllLines(p.resolve("status")))
                        if (l.startsWith("Uid:"))
                            for (String f : l.substring(4).trim().split("\\s+"))
                                if (Integer.parseInt(f) == uid) {
                                    pids.add(Long.parseLong(p.getFileName().toString()));
                                    break;
                                }
                } catch (IOException ignored) {
                    // the process ended
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** The dedicated uid must be unused, so that attempts can only reach what the harness started. */
    static void checkUidUnused(int uid) {
        List<Long> pids = pidsOf(uid);
        if (!pids.isEmpty())
            throw SandbenchException.usage("uid " + uid + " is in use (process " + pids.get(0)
                    + "): choose an unused one with --uid");
    }

    private static void listAttempts(AttemptCatalog c) {
        for (Attempt a : c.all()) {
            System.out.printf("%-7s %-22s %-22s %-8s %s%n", a.id(), a.name(), a.category().id, a.exercises().id, a.does());
        }
    }
}
