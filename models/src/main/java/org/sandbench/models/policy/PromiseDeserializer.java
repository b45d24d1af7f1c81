package org.sandbench.models.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.sandbench.models.seccomp.SyscallGroups;

/** Checks each promise where it is written, so the error names its line and column. */
final class PromiseDeserializer extends StdDeserializer<String> {
    PromiseDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String name = p.getValueAsString();
        SyscallGroups groups = SyscallGroups.standard();
        if (name == null || name.startsWith("_") || !groups.contains(name))
            throw JsonMappingException.from(p, "unknown promise '" + name + "' (known: "
                    + String.join(", ", groups.promiseNames()) + ")");
        return name;
    }
}
