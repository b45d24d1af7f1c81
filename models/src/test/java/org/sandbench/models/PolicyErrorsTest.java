package org.sandbench.models;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sandbench.models.policy.Policy;
import org.sandbench.models.policy.PolicyException;
import org.sandbench.models.policy.PolicyLoader;

/** Malformed policies: each row is (YAML, a fragment the message must contain). */
class PolicyErrorsTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "promises: [stdio, rpth]                                   | line 1 column 19: unknown promise 'rpth'",
        "promises: [_runtime]                                      | unknown promise '_runtime'",
        "promisez: [stdio]                                         | unknown key 'promisez'",
        "filesystem: [{path: /x, access: [reed]}]                  | unknown filesystem access 'reed'",
        "filesystem: [{path: /x, access: []}]                      | grants no access",
        "network: [{port: 80, access: [listen]}]                   | unknown network access 'listen'",
        "syscalls: [{args: ['a1==1']}]                             | needs a 'syscall' name",
        "seccomp: {style: denylist}                                | needs a 'deny' list",
        "seccomp: {style: mixed}                                   | seccomp style must be allowlist or denylist",
        "ipc: [signals]                                            | unknown ipc need 'signals'",
        "promises: [stdio]\\nfilesystem: [{path: /x                  | line 2",
    })
    void rejectsWithMessage(String yaml, String expected) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("test.yaml", yaml.replace("\\n", "\n"), Policy.class));
        assertTrue(e.getMessage().contains(expected.trim()), () -> "message was: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("test.yaml"), () -> "message must name the file: " + e.getMessage());
    }
}
