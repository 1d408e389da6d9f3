package org.ltintercom.sdk.internal.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away CA with a broker certificate for 127.0.0.1 and a device certificate, made by the openssl CLI. */
record TestCertificates(Path caCert, Path brokerCert, Path brokerKey, Path deviceCert, Path deviceKey) {

    static TestCertificates create(Path dir, String caName) throws IOException, InterruptedException {
        Path caKey = dir.resolve(caName + "-ca.key");
        Path caCert = dir.resolve(caName + "-ca.pem");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "2", "-subj", "/CN=" + caName);
        Path san = dir.resolve("san.cnf");
        Files.writeString(san, "subjectAltName=IP:127.0.0.1\n");
        Path brokerKey = dir.resolve(caName + "-broker.key");
        Path brokerCert = dir.resolve(caName + "-broker.pem");
        sign(dir, caCert, caKey, "127.0.0.1", brokerKey, brokerCert, san);
        Path deviceKey = dir.resolve(caName + "-device.key");
        Path deviceCert = dir.resolve(caName + "-device.pem");
        sign(dir, caCert, caKey, "dev-tls", deviceKey, deviceCert, null);
        return new TestCertificates(caCert, brokerCert, brokerKey, deviceCert, deviceKey);
    }

    private static void sign(Path dir, Path caCert, Path caKey, String cn, Path key, Path cert, Path extensions)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(cn + ".csr");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + cn);
        List<String> x509 = new ArrayList<>(List.of("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2"));
        if (extensions != null) {
            x509.addAll(List.of("-extfile", extensions.toString()));
        }
        openssl(dir, x509.toArray(String[]::new));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("openssl " + args[0] + " failed: " + output);
        }
    }
}
