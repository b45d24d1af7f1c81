package org.sandbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.harness.SandbenchException;

class CpuPinningTest {
    @ParameterizedTest(name = "--cpu {0} with Cpus_allowed_list ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        "auto | 0-1      | 1",
        "auto | 0-3,6,8  | 8",
        "auto | 2        | 2",
        "auto | ''       | -1",
        "none | 0-1      | -1",
        "-1   | 0-1      | -1",
        "0    | 0-1      | 0",
        "5    | ''       | 5",
    })
    void choice(String spec, String allowed, int cpu) {
        assertEquals(cpu, CpuPinning.choose(spec, allowed).cpu());
    }

    @ParameterizedTest(name = "--cpu {0} is refused: {2}")
    @CsvSource(delimiter = '|', value = {
        "7     | 0-1 | is not one this process may run on",
        "seven | 0-1 | --cpu takes auto, none or a CPU number",
        "-3    | 0-1 | a CPU number >= 0",
    })
    void badValuesAreUsageErrors(String spec, String allowed, String message) {
        SandbenchException e = assertThrows(SandbenchException.class, () -> CpuPinning.choose(spec, allowed));
        assertEquals(SandbenchException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0-3,6,8-9 | 0 1 2 3 6 8 9",
        "1         | 1",
        "x-y       | ''",
    })
    void parsesKernelCpuLists(String list, String expected) {
        List<Integer> want = expected.isBlank() ? List.of()
                : java.util.Arrays.stream(expected.trim().split(" ")).map(Integer::parseInt).toList();
        assertEquals(want, CpuPinning.parseList(list));
    }
}
