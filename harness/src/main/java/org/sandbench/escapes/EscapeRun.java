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
import org.sandbench.models.CompiledPolicy;
import org.sandbench.models.Enforcement;
import org.sandbench.models.Mode;
import org.sandbench.models.landlock.LandlockCompiler;
import org.sandbench.models.oci.ContainerPolicy;
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
    /**
     * @param unavailable columns this host cannot run (model id: why); their rows are NA_HOST with the reason
     */
    public record Config(List<EscapeModel> models, List<Attempt> attempts, Mode mode, SeccompCompiler.Options seccomp,
                         LandlockCompiler.Options landlock, Expectations expectations, int landlockAbi,
                         HostCondition.HostView host, Path launcher, Path transcript, Map<String, String> unavailable) {
        public Config {
            // The baselines: none first; container-none before the first container column, so that the
            // reader can tell what a profile stops from what the container stops by itself.
            List<EscapeModel> m = new ArrayList<>();
            m.add(EscapeModel.NONE);
            for (EscapeModel x : models) {
                if (x.isContainer() && !m.contains(EscapeModel.CONTAINER_NONE))
                    m.add(EscapeModel.CONTAINER_NONE);
                if (!m.contains(x))
                    m.add(x);
            }
            models = List.copyOf(m);
            attempts = List.copyOf(attempts);
            unavailable = Map.copyOf(unavailable);
        }

        public Config(List<EscapeModel> models, List<Attempt> attempts, Mode mode, SeccompCompiler.Options seccomp,
                      LandlockCompiler.Options landlock, Expectations expectations, int landlockAbi,
                      HostCondition.HostView host, Path launcher, Path transcript) {
            this(models, attempts, mode, seccomp, landlock, expectations, landlockAbi, host, launcher, transcript, Map.of());
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
    private ContainerExecutor containers;

    public EscapeRun(Arena arena, AttemptExecutor jail, ReferencePolicies policies, TrialParser parser, PrintStream progress) {
        this.arena = arena;
        this.jail = jail;
        this.policies = policies;
        this.parser = parser;
        this.progress = progress;
    }

    /** Runs the container columns through this executor (without one they are NA_HOST). */
    public EscapeRun withContainers(ContainerExecutor executor) {
        this.containers = executor;
        return this;
    }

    public Outcome run(Config c) {
        List<EscapeRow> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Writer transcript = c.transcript() == null ? Writer.nullWriter()
                : Files.newBufferedWriter(c.transcript(), StandardCharsets.UTF_8)) {
            for (Attempt a : c.attempts()) {
                Optional<Judge.Outcome> baseline = Optional.empty();
                Enforcement baselineEnforcement = Enforcement.UNKNOWN, containerBaseline = Enforcement.UNKNOWN;
                boolean baselineBroken = false;
                StringBuilder line = new StringBuilder(String.format("%-34s", a.id() + " " + a.name()));
                for (EscapeModel m : c.models()) {
                    if (baselineBroken)
                        break;
                    Judge.Outcome o;
                    Optional<Verdict> expected = c.expectations().expected(a, m.id(), c.mode(), c.landlockAbi(), c.host(),
                            arena.features());
                    Optional<Judge.Outcome> skip = skip(c, a, m);
                    RunResult r = skip.isPresent() ? null : runOne(c, a, m);
                    if (r != null && r.na().isPresent())
                        skip = r.na();
                    if (skip.isPresent()) {
                        o = skip.get();
                    } else {
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
                            if (m.equals(EscapeModel.CONTAINER_NONE))
                                containerBaseline = e;
                            // A container's process inherits nothing from the harness: its baseline is container-none.
                            Optional<String> notEnforced = m.mechanism().checkEnforced(r.plan(), e,
                                    m.isContainer() ? containerBaseline : baselineEnforcement);
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

    /** An outcome decided before anything runs: the attempt does not exist here, or the host cannot run the column. */
    private Optional<Judge.Outcome> skip(Config c, Attempt a, EscapeModel m) {
        if (!a.modes().contains(c.mode()))
            return na(Verdict.NA_PLATFORM, "mode " + c.mode().id() + ": the attempt exists only in "
                    + a.modes().stream().map(Mode::id).sorted().toList());
        Optional<String> platform = m.notApplicable(a, c.mode());
        if (platform.isPresent())
            return na(Verdict.NA_PLATFORM, platform.get());
        for (String r : a.requires())
            if (!arena.features().has(r))
                return na(Verdict.NA_HOST, "the arena has no " + r + " (sb-jail --probe, or --namespaces none)");
        if (c.unavailable().containsKey(m.id()))
            return na(Verdict.NA_HOST, "model " + m.id() + " is unavailable on this host: " + c.unavailable().get(m.id()));
        if (m.isContainer() && containers == null)
            return na(Verdict.NA_HOST, "model " + m.id() + " needs the container executor (Docker)");
        return Optional.empty();
    }

    private static Optional<Judge.Outcome> na(Verdict v, String why) {
        return Optional.of(new Judge.Outcome(v, "-", why));
    }

    /** Why a run cannot be judged at all (it is then reported as FAILED, not given a verdict), or empty. */
    static Optional<String> brokenRun(Observation obs) {
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
        if (obs.signal().isPresent() && obs.attempt().stream().noneMatch(l -> l.startsWith("SBX start")))
            return Optional.of("the attempt never started: its process died of signal " + obs.signal().get()
                    + " before its first line (under a container column, the runtime's init killed by the profile after "
                    + "loading it: the kernel log's audit type=1326 record names the call)");
        if (obs.attempt().stream().anyMatch(l -> l.startsWith("SBX error")))
            return Optional.of(obs.attempt().stream().filter(l -> l.startsWith("SBX error")).findFirst().get());
        return Optional.empty();
    }

    /** @param na set when the column turned out not to apply (a policy an OCI profile cannot carry) */
    private record RunResult(Observation obs, Evidence.Facts facts, CompiledPolicy plan, Optional<Judge.Outcome> na) {
    }

    private RunResult runOne(Config c, Attempt a, EscapeModel m) {
        Set<String> watched = new LinkedHashSet<>();
        for (Evidence e : a.evidence())
            watchedPath(e).ifPresent(watched::add);
        for (Evidence e : a.confinedWhen())
            watchedPath(e).ifPresent(watched::add);
        CompiledPolicy compiled;
        try {
            CompileContext ctx = new CompileContext(a.id(), c.mode(), arena.bindings(), a.binary().toString(),
                    arena.landlockProbe(), c.seccomp(), c.landlock());
            compiled = m.mechanism().compile(policies.forRun(a, m), ctx);
        } catch (PolicyException | IllegalArgumentException e) {
            // What an OCI profile cannot carry is a fact of the platform, not bad input (docs/containers.md, "Refused").
            if (m.isContainer())
                return new RunResult(null, null, null, na(Verdict.NA_PLATFORM, "the policy cannot run as an OCI profile: "
                        + e.getMessage()));
            throw SandbenchException.usage("cannot compile the policy of attempt " + a.id() + " for " + m.id() + ": " + e.getMessage());
        }
        Arena.Run run = arena.prepare(watched);
        Map<String, String> env = new LinkedHashMap<>(arena.attemptEnv(run));
        if (compiled instanceof ContainerPolicy cp) {
            String config = arena.jailConfig(run, env, List.of(a.binary().toString()), a.timeoutMs(), true);
            Observation obs = containers.run(config, new ContainerExecutor.Launch(cp, a.binary(), arena.ws(), env,
                    arena.ws().toString(), arena.uid(), arena.uid(), a.timeoutMs(), List.of()));
            Map<String, FileState> after = arena.snapshot(run.watched());
            return new RunResult(obs, new Evidence.Facts(obs, run.tokens(), run.before(), after, arena.uid(), arena.secondUid()),
                    cp, Optional.empty());
        }
        LaunchPlan plan = (LaunchPlan) compiled;
        Path planFile = arena.plans().resolve(a.id() + "." + m.id().replace('+', '_') + ".plan");
        try {
            Files.writeString(planFile, plan.render());
            Files.setAttribute(planFile, "unix:mode", 0644);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return new RunResult(obs, new Evidence.Facts(obs, run.tokens(), run.before(), after, arena.uid(), arena.secondUid()), plan,
                Optional.empty());
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
