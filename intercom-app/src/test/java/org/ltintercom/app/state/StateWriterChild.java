package org.ltintercom.app.state;

import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.ObjectNode;

import java.nio.file.Path;

/** Run in a child JVM by {@link StateStoreTest}: writes versions 1..N and says so after each. */
public final class StateWriterChild {

    private StateWriterChild() {
    }

    public static void main(String[] args) {
        StateStore store = new StateStore(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        for (int v = 1; v <= count; v++) {
            store.writeProvisioned(new ProvisionedConfig(v, settings(v), 0));
            System.out.println("wrote " + v);
            System.out.flush();
        }
    }

    /** Big enough that a write takes several syscalls; {@code check} ties the body to the version. */
    static ObjectNode settings(int version) {
        ObjectNode node = Json.object();
        node.put("filler", "x".repeat(64 * 1024));
        node.put("check", version);
        return node;
    }
}
