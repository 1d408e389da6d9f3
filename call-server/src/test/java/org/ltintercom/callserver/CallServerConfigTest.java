package org.ltintercom.callserver;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallServerConfigTest {
    @Test
    void defaultsRunADemoServerOnLoopback() {
        CallServerConfig c = CallServerConfig.builder().dataDir(Path.of("/tmp/cs")).build();
        assertEquals("127.0.0.1", c.host());
        assertEquals(0, c.port());
        assertNull(c.usersFile());
        assertEquals("jdbc:sqlite:/tmp/cs/call-server.db", c.effectiveJdbcUrl());
        assertEquals(List.of("demo-license"), c.licenseKeys());
        assertEquals("127.0.0.1", c.sipDomain());
        assertNull(c.sipProxy(), "null = sip:<host>:<the SIP port in use>");
        assertEquals(0, c.sipPort());
        assertEquals(java.time.Duration.ofSeconds(30), c.ringTimeout());
        assertTrue(c.declineEverywhere());
    }

    @Test
    void secretsAreNotInToString() {
        CallServerConfig c = CallServerConfig.builder().jdbcUrl("jdbc:postgresql://127.0.0.1/db?password=pg-secret")
                .jdbcPassword("pg-secret").adminToken("admin-secret").build();
        assertFalse(c.toString().contains("secret"), c.toString());
        assertEquals("admin-secret", c.toBuilder().build().adminToken());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CallServerConfig.builder().port(70_000).build());
        assertThrows(IllegalArgumentException.class, () -> CallServerConfig.builder().licenseKeys(List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> CallServerConfig.builder().httpThreads(0).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CallServerConfig.builder().sipPort(-1).build())
                .getMessage().startsWith("sipPort:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CallServerConfig.builder().ringTimeout(java.time.Duration.ZERO).build())
                .getMessage().startsWith("ringTimeout:"));
    }
}
