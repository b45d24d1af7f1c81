package org.sandbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.models.policy.Bindings;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.seccomp.ArgCmp;
import org.sandbench.models.seccomp.SeccompAction;

class ParsingTest {

    @ParameterizedTest
    @CsvSource({ "a1==0x5401, a1==0x5401", "a0>=0, a0>=0x0", "a2&0x3==0, a2&0x3==0x0", "a5 != 7, a5!=0x7", "a3<10, a3<0xa" })
    void argumentComparisonsRoundTrip(String in, String out) {
        assertEquals(out, ArgCmp.parse(in).toString());
    }

    @ParameterizedTest
    @CsvSource({ "a6==1", "b1==1", "a1=1", "a1==x", "a1&==1" })
    void badArgumentComparisons(String in) {
        assertThrows(IllegalArgumentException.class, () -> ArgCmp.parse(in));
    }

    @ParameterizedTest
    @CsvSource({ "allow, allow, 0x7fff0000", "kill-process, kill-process, 0x80000000", "trap, trap, 0x00030000",
        "errno, errno(1), 0x00050001", "errno(38), errno(38), 0x00050026", "log, log, 0x7ffc0000" })
    void actions(String in, String out, String kernel) {
        SeccompAction a = SeccompAction.parse(in);
        assertEquals(out, a.toString());
        assertEquals(Integer.parseUnsignedInt(kernel.substring(2), 16), a.kernelValue());
        assertEquals(a, SeccompAction.fromKernel(a.kernelValue()));
    }

    @ParameterizedTest
    @CsvSource({ "${work}/a, /w/a", "${work}/allowed/${dirs:depth}t, /w/allowed/d/d/t", "x${param.depth}y, x3y" })
    void templates(String in, String out) {
        assertEquals(out, Bindings.of(Map.of("work", "/w", "param.depth", "3")).resolve(in));
    }

    @ParameterizedTest
    @CsvSource({ "${nope}", "${dirs:missing}", "${Work}" })
    void badTemplates(String in) {
        assertThrows(PolicyException.class, () -> Bindings.of(Map.of("work", "/w", "param.depth", "3")).resolve(in));
    }
}
