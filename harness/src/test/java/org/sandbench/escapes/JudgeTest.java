package org.sandbench.escapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.models.Mode;

/**
 * The judge as a table: evidence the attempt declares, what the run left behind (jail and
 * attempt lines, files before and after), the baseline's verdict -> verdict and errno column.
 * No kernel needed: these rows pin the rules of docs/escapes.md, "Verdicts".
 */
class JudgeTest {
    static final Map<String, String> TOKENS = Map.of("canary", "c0ffee", "marker", "m4rk", "suid", "5u1d", "victim", "v1ct");
    static final FileState CANARY = new FileState(true, "file", 30, 0644, 1, 77, 1, 64123, "aa", Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case                      | evidence              | lines (';' between)                                                     | after     | baseline | verdict     | errno
        "token back                  | token:canary          | A SBX found what=canary value=c0ffee;J exit code=0;J end              | same      | ESCAPED  | ESCAPED     | -",
        "token back, then killed     | token:canary          | A SBX found what=canary value=c0ffee;A SBX try op=x;J exit signal=31  | same      | ESCAPED  | ESCAPED     | -",
        "errno, process survives     | token:canary          | A SBX try op=openat;A SBX step op=openat rc=-1 errno=13 name=EACCES;J exit code=0 | same | ESCAPED | BLOCKED | EACCES",
        "two errnos named in order   | token:canary          | A SBX step op=a rc=-1 errno=1 name=EPERM;A SBX step op=b rc=-1 errno=18 name=EXDEV;J exit code=0 | same | ESCAPED | BLOCKED | EPERM/EXDEV",
        "kill names the pending call | token:canary          | A SBX try op=linkat detail=x;J exit signal=31                          | same      | ESCAPED  | KILLED      | SIGSYS(linkat)",
        "trap reporter               | token:canary          | A SBX try op=ptrace;A SBX sigsys nr=101;J exit code=4                  | same      | ESCAPED  | KILLED      | SIGSYS(ptrace)",
        "timeout is a forced kill    | token:canary          | A SBX try op=accept;J timeout ms=5000;J exit signal=9                  | same      | ESCAPED  | KILLED      | SIGKILL(timeout)",
        "claimed but wrong token     | token:canary          | A SBX found what=canary value=deadbeef;J exit code=0                   | same      | ESCAPED  | BLOCKED     | -",
        "file changed                | file-changed:secret/canary | J exit code=0                                                     | truncated | ESCAPED  | ESCAPED     | -",
        "file unchanged              | file-changed:secret/canary | A SBX step op=truncate rc=-1 errno=13 name=EACCES;J exit code=0   | same      | ESCAPED  | BLOCKED     | EACCES",
        "baseline fails: NA_HOST     | token:canary          | A SBX step op=bpf rc=-1 errno=1 name=EPERM;J exit code=0               | same      | NA_HOST  | NA_HOST     | EPERM",
        "baseline run itself fails   | token:canary          | A SBX step op=bpf rc=-1 errno=1 name=EPERM;J exit code=0               | same      | -        | NA_HOST     | EPERM",
        "baseline run succeeds       | token:canary          | A SBX found what=canary value=c0ffee;J exit code=0                     | same      | -        | ESCAPED     | -",
        "not applicable              | token:canary          | A SBX na reason=no-pidns;J exit code=0                                 | same      | ESCAPED  | NA_PLATFORM | -",
        "listener logged             | listener:tcp4-forbidden | J listener name=tcp4-forbidden events=1 bytes=0 peer_uid=-1;J exit code=0 | same | ESCAPED | ESCAPED   | -",
        "listener silent             | listener:tcp4-forbidden | A SBX step op=connect rc=-1 errno=13 name=EACCES;J listener name=tcp4-forbidden events=0 bytes=0 peer_uid=-1 | same | ESCAPED | BLOCKED | EACCES",
        "victim counter moved        | victim-signalled      | J victim state=alive token=intact report signals=2 last=10 mask=0x400  | same      | ESCAPED  | ESCAPED     | -",
        "kill(-1) returned 0         | victim-signalled      | A SBX step op=kill rc=0;J victim state=alive token=intact report signals=0 last=0 mask=0x0 | same | ESCAPED | BLOCKED | -",
        "victim killed               | victim-signalled      | J victim state=killed:9 token=unchecked report none                    | same      | ESCAPED  | ESCAPED     | -",
        "victim memory changed       | victim-memory         | J victim state=alive token=changed report signals=0 last=0 mask=0x0    | same      | ESCAPED  | ESCAPED     | -",
        "setuid took effect          | suid                  | A SBX marker token=5u1d;A SBX marker token=5u1d uid=64123 euid=64124  | same      | ESCAPED  | ESCAPED     | -",
        "setuid ignored (nnp)        | suid                  | A SBX marker token=5u1d;A SBX marker token=5u1d uid=64123 euid=64123  | same      | ESCAPED  | BLOCKED     | -",
        "forged euid line ignored    | suid                  | A SBX marker token=xxxx uid=64123 euid=64124                           | same      | ESCAPED  | BLOCKED     | -",
        "marker killed after exec    | suid                  | A SBX try op=execve;A SBX marker token=5u1d;J exit signal=31           | same      | ESCAPED  | KILLED      | SIGSYS(the exec'd program)",
        "descriptor held             | fd:anon_inode:[io_uring] | A SBX hold;J stopped signal=19;J fd n=3 target=anon_inode:[io_uring] | same    | ESCAPED  | ESCAPED     | -",
        "namespace new               | ns:user               | J ns user=new mnt=same net=same pid=same ipc=same uts=same cgroup=same | same      | ESCAPED  | ESCAPED     | -",
        "pty input                   | pty-input             | J pty input=9 input_hex=6964 output=9                                  | same      | ESCAPED  | ESCAPED     | -",
        "pty output only             | pty-input             | J pty input=0 input_hex=- output=12                                    | same      | ESCAPED  | BLOCKED     | -",
        "probe connected             | probe                 | J probe listener=tcp4-backdoor result=connected                        | same      | ESCAPED  | ESCAPED     | -",
        "sweep: ENOSYS only          | reached:sweep-        | A SBX step op=sweep-a rc=-1 errno=38 name=ENOSYS;J exit code=0         | same      | ESCAPED  | BLOCKED     | ENOSYS",
        "sweep: EPERM reached        | reached:sweep-        | A SBX step op=sweep-a rc=-1 errno=1 name=EPERM;J exit code=0           | same      | ESCAPED  | ESCAPED     | -",
        "stat oracle right           | stat:secret/canary    | A SBX found what=stat value=77:30                                      | same      | ESCAPED  | ESCAPED     | -",
        "stat oracle wrong           | stat:secret/canary    | A SBX found what=stat value=78:30                                      | same      | ESCAPED  | BLOCKED     | -",
    })
    void verdicts(String name, String evidence, String lines, String after, String baseline, String verdict, String errno) {
        Attempt a = attempt(List.of(Evidence.parse(evidence)), List.of());
        Observation obs = Observation.parse(Arrays.asList(lines.split(";")), 0, false);
        Map<String, FileState> before = Map.of("secret/canary", CANARY);
        Map<String, FileState> aft = after.equals("same") ? before
                : Map.of("secret/canary", new FileState(true, "file", 0, 0644, 2, 77, 1, 64123, "bb", Map.of()));
        Evidence.Facts f = new Evidence.Facts(obs, TOKENS, before, aft, 64123, 64124);
        Optional<Judge.Outcome> base = baseline.equals("-") ? Optional.empty()
                : Optional.of(new Judge.Outcome(Verdict.parse(baseline), "-", "baseline"));
        Judge.Outcome o = Judge.judge(a, f, base);
        assertEquals(Verdict.parse(verdict), o.verdict(), () -> name + ": " + o);
        assertEquals(errno, o.errnoOrSignal(), () -> name + ": " + o);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "payload ran confined | A SBX step op=stage2 rc=0;A SBX step op=openat rc=-1 errno=13 name=EACCES | CONFINED",
        "payload escaped      | A SBX step op=stage2 rc=0;A SBX found what=canary value=c0ffee       | ESCAPED",
        "payload never ran    | A SBX try op=memfd_create;J exit signal=31                              | KILLED",
    })
    void confined(String name, String lines, String verdict) {
        Attempt a = attempt(List.of(Evidence.parse("token:canary")), List.of(Evidence.parse("step:stage2")));
        Observation obs = Observation.parse(new ArrayList<>(Arrays.asList(lines.split(";"))), 0, false);
        Evidence.Facts f = new Evidence.Facts(obs, TOKENS, Map.of(), Map.of(), 64123, 64124);
        Judge.Outcome ok = new Judge.Outcome(Verdict.ESCAPED, "-", "baseline");
        assertEquals(Verdict.parse(verdict), Judge.judge(a, f, Optional.of(ok)).verdict(), name);
    }

    /**
     * A process that died before the attempt's first line is not the attempt being stopped: under a container column
     * it was runc's init, killed by the profile it had just loaded (audit: comm="runc:[2:INIT]" syscall=24).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "died before its first line | J exit signal=31                                                     | the attempt never started: its process died of signal 31",
        "killed after it started    | A SBX start pid=1 mode=retrofit;A SBX try op=memfd_create;J exit signal=31 | -",
        "exited before its first line | J exit code=0                                                     | -",
    })
    void aRunThatNeverStartedIsNotJudged(String name, String lines, String broken) {
        Observation obs = Observation.parse(new ArrayList<>(Arrays.asList((lines + ";J end").split(";"))), 0, false);
        Optional<String> b = EscapeRun.brokenRun(obs);
        if (broken.equals("-"))
            assertEquals(Optional.empty(), b.filter(s -> s.startsWith("the attempt never started")), name);
        else
            assertEquals(broken, b.orElse("").substring(0, Math.min(broken.length(), b.orElse("").length())), name);
    }

    static Attempt attempt(List<Evidence> evidence, List<Evidence> confined) {
        return new Attempt("TST-01", "test", Category.FILESYSTEM, Exercises.OBJECTS, "does", "lesson", evidence, confined,
                Map.of("none", Expectation.of(Verdict.ESCAPED)), Map.of(), List.of(), Set.of(), List.of(), Optional.empty(),
                EnumSet.allOf(Mode.class), "", "", false, 5000, Path.of("t.c"), Path.of("t"));
    }
}
