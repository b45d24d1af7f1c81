package org.sandbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sandbench.models.landlock.AccessFs;
import org.sandbench.models.landlock.AccessNet;
import org.sandbench.models.landlock.LandlockAbi;
import org.sandbench.models.landlock.Scope;

/** One source, checked: the C header's X-macro tables and the Java enums must agree bit for bit and ABI for ABI. */
class LandlockUapiHeaderTest {
    static final Pattern ROW = Pattern.compile("X\\((\\w+),\\s*(\\d+),\\s*(\\d+)\\)");

    static Map<String, String> table(String header, String macro) {
        int start = header.indexOf("#define " + macro + "(X)");
        int end = header.indexOf("\n\n", start);
        Map<String, String> m = new TreeMap<>();
        Matcher x = ROW.matcher(header.substring(start, end));
        while (x.find())
            m.put(x.group(1), x.group(2) + "@" + x.group(3));
        return m;
    }

    @Test
    void headerAndEnumsAgree() throws Exception {
        String h = Files.readString(Golden.home().resolve("native/include/sb/landlock_uapi.h"));
        Map<String, String> fs = new TreeMap<>(), net = new TreeMap<>(), sc = new TreeMap<>();
        for (AccessFs a : AccessFs.values()) fs.put(a.name(), a.bit + "@" + a.abi);
        for (AccessNet a : AccessNet.values()) net.put(a.name(), a.bit + "@" + a.abi);
        for (Scope a : Scope.values()) sc.put(a.name(), a.bit + "@" + a.abi);
        assertEquals(table(h, "SB_LANDLOCK_FS_RIGHTS"), fs);
        assertEquals(table(h, "SB_LANDLOCK_NET_RIGHTS"), net);
        assertEquals(table(h, "SB_LANDLOCK_SCOPES"), sc);
        Matcher known = Pattern.compile("#define SB_LANDLOCK_ABI_KNOWN (\\d+)").matcher(h);
        known.find();
        assertEquals(LandlockAbi.LATEST_KNOWN.version(), Integer.parseInt(known.group(1)));
    }
}
