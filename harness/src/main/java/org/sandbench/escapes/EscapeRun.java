package org.sandbench.escapes;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sandbench.backend.TrialParser;
import org.sandbench.models.CompileContext;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.plan.LaunchPlan;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.SeccompCompiler;
import org.sandbench.harness.SandbenchException;

/**
 * The escape matrix: every attempt under the baseline and every model, one fresh arena state
 * per run, judged by {@link Judge} from what the jail and the arena show.  The baseline runs
 * first for each attempt, because its outcome decides NA_HOST for the others.
 */
public final class EscapeRun {

    /**
     * @param models  the columns; the baseline is added in front when missing
     * @param launcher native/build/bin/sb-launch
     */
    public record Config(List<EscapeModel> models, List<Attempt> attempts, Mode mode, SeccompCompiler.Options seccomp,
                         LandlockCompiler.Options landlock, Expectations expectations, int landlockAbi,
                         HostCondition.HostView host, Path launcher, Path transcript) {
        public Config {
            List<EscapeModel> m = new ArrayList<>();
            m.add(EscapeModel.NONE);
            for (EscapeModel x : models)
                if (!m.contains(x))
                    m.add(x);
            models = List.copyOf(m);
            attempts = List.copyOf(attempts);
        }

        public List<String> modelIds() {
            return models.stream().map(EscapeModel::id).toList();
        }
    }

    /** @param failures runs the harness could not judge (a broken arena, a sandbox not in force) */
    public record Outcome(List<EscapeRow> rows, List<String> failures) {
    }

    private final Arena arena;
    private final AttemptExecutor jail;
    private final ReferencePolicies policies;
    private final TrialParser parser;
    private final PrintStream progress;

    public EscapeRun(Arena arena, AttemptExecutor jail, ReferencePolicies policies, TrialParser parser, PrintStream progress) {
        this.arena = arena;
        this.jail = jail;
        this.policies = policies;
        this.parser = parser;
        this.progress = progress;
    }

    public Outcome run(Config c) {
        List<EscapeRow> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Writer transcript = c.transcript() == null ? Writer.nullWriter()
                : Files.newBufferedWriter(c.transcript(), StandardCharsets.UTF_8)) {
            for (Attempt a : c.attempts()) {
                Optional<Judge.Outcome> baseline = Optional.empty();
                Enforcement baselineEnforcement = Enforcement.UNKNOWN;
                boolean baselineBroken = false;
                StringBuilder line = new StringBuilder(String.format("%-34s", a.id() + " " + a.name()));
                for (EscapeModel m : c.models()) {
                    if (baselineBroken)
                        break;
                    Judge.Outcome o;
                    Optional<Verdict> expected = c.expectations().expected(a, m.id(), c.mode(), c.landlockAbi(), c.host(),
                            arena.features());
                    Optional<String> skip = skipReason(a, c.mode());
                    if (skip.isPresent()) {
                        o = new Judge.Outcome(skip.get().startsWith("mode") ? Verdict.NA_PLATFORM : Verdict.NA_HOST, "-", skip.get());
                    } else {
                        RunResult r = runOne(c, a, m);
                        transcript.write("=== " + a.id() + " " + a.name() + " / " + m.id() + " (" + c.mode().id() + ")\n");
                        for (String l : r.obs().raw())
                            transcript.write(l + "\n");
                        Optional<String> broken = brokenRun(r.obs());
                        if (broken.isPresent()) {
                            failures.add(a.id() + " under " + m.id() + ": " + broken.get());
                            line.append(" ?  ");
                            baselineBroken = m.isBaseline();
                            continue;
                        }
                        o = Judge.judge(a, r.facts(), m.isBaseline() ? Optional.empty() : baseline);
                        if (o.verdict() != Verdict.NA_PLATFORM) {
                            Enforcement e = parser.parse(r.obs().protocolLines(), 0, false, "", 0).enforcement();
                            if (m.isBaseline())
                                baselineEnforcement = e;
                            Optional<String> notEnforced = m.mechanism().checkEnforced(r.plan(), e, baselineEnforcement);
                            if (notEnforced.isPresent())
                                failures.add(a.id() + " under " + m.id() + ": the sandbox was not in force: " + notEnforced.get());
                        }
                        transcript.write("--- verdict " + o.verdict() + " " + o.errnoOrSignal() + " | " + o.evidence() + "\n");
                    }
                    if (m.isBaseline())
                        baseline = Optional.of(o);
                    EscapeRow row = new EscapeRow(a, m.id(), c.mode().id(), o, expected, c.landlockAbi());
                    rows.add(row);
                    line.append(' ').append(String.format("%-2s", o.verdict().letter)).append(row.matches().orElse(true) ? " " : "!");
                }
                if (progress != null)
                    progress.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(rows, failures);
    }

    private Optional<String> skipReason(Attempt a, Mode mode) {
        if (!a.modes().contains(mode))
            return Optional.of("mode " + mode.id() + ": the attempt exists only in " + a.modes().stream().map(Mode::id).sorted().toList());
        for (String r : a.requires())
            if (!arena.features().has(r))
                return Optional.of("the arena has no " + r + " (sb-jail --probe, or --namespaces none)");
        return Optional.empty();
    }

    private static Optional<String> brokenRun(Observation obs) {
        if (obs.timedOut())
            return Optional.of("the jail did not finish (killed by the harness)");
        Optional<String> err = obs.jailError();
        if (err.isPresent())
            return Optional.of("the jail failed: " + err.get());
        if (obs.jailExit() != 0 || !obs.complete())
            return Optional.of("the jail exited with " + obs.jailExit() + " without its report"
                    + obs.raw().stream().filter(l -> l.startsWith("X ")).findFirst().map(l -> ": " + l.substring(2)).orElse(""));
        if (obs.exitCode().map(x -> x == 125 || x == 126).orElse(false) && obs.attempt().stream().noneMatch(l -> l.startsWith("SBX ")))
            return Optional.of("the attempt did not start (exit " + obs.exitCode().get() + "): "
                    + String.join(" | ", obs.attempt()) + String.join(" | ", obs.stderr()));
        if (obs.attempt().stream().anyMatch(l -> l.startsWith("SBX error")))
            return Optional.of(obs.attempt().stream().filter(l -> l.startsWith("SBX error")).findFirst().get());
        return Optional.empty();
    }

    private record RunResult(Observation obs, Evidence.Facts facts, LaunchPlan plan) {
    }

    private RunResult runOne(Config c, Attempt a, EscapeModel m) {
        Set<String> watched = new LinkedHashSet<>();
        for (Evidence e : a.evidence())
            watchedPath(e).ifPresent(watched::add);
        for (Evidence e : a.confinedWhen())
            watchedPath(e).ifPresent(watched::add);
        Arena.Run run = arena.prepare(watched);
        LaunchPlan plan;
        try {
            CompileContext ctx = new CompileContext(a.id(), c.mode(), arena.bindings(), a.binary().toString(),
                    arena.landlockProbe(), c.seccomp(), c.landlock());
            plan = (LaunchPlan) m.mechanism().compile(policies.forRun(a, m), ctx);
        } catch (PolicyException | IllegalArgumentException e) {
            throw SandbenchException.usage("cannot compile the policy of attempt " + a.id() + " for " + m.id() + ": " + e.getMessage());
        }
        Path planFile = arena.plans().resolve(a.id() + "." + m.id().replace('+', '_') + ".plan");
        try {
            Files.writeString(planFile, plan.render());
            Files.setAttribute(planFile, "unix:mode", 0644);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>(arena.attemptEnv(run));
        List<String> cmd = new ArrayList<>();
        if (c.mode() == Mode.RETROFIT) {
            cmd.addAll(List.of(c.launcher().toString(), "--plan", planFile.toString(), "--status-fd", "--"));
        } else {
            env.put("SBX_SELF_PLAN", planFile.toString());
        }
        cmd.add(a.binary().toString());
        String config = arena.jailConfig(run, env, cmd, a.timeoutMs());
        Observation obs = jail.run(config, a.timeoutMs() + 15_000L);
        Map<String, FileState> after = arena.snapshot(run.watched());
        return new RunResult(obs, new Evidence.Facts(obs, run.tokens(), run.before(), after, arena.uid(), arena.secondUid()), plan);
    }

    private static Optional<String> watchedPath(Evidence e) {
        if (e instanceof Evidence.FileChanged f)
            return Optional.of(f.path());
        if (e instanceof Evidence.FileCreated f)
            return Optional.of(f.path());
        if (e instanceof Evidence.FileGone f)
            return Optional.of(f.path());
        if (e instanceof Evidence.Stat f)
            return Optional.of(f.path());
        return Optional.empty();
    }
}
