package org.ltintercom.sdk.internal.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory of an {@code ssl://} session from PEM files. PEM, because that is
 * what mosquitto, OpenSSL and provisioning scripts produce; keys must be unencrypted PKCS#8
 * ({@code openssl pkcs8 -topk8 -nocrypt} converts an old {@code BEGIN RSA PRIVATE KEY} file).
 */
final class PemTls {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private PemTls() {
    }

    static SSLSocketFactory socketFactory(MqttTls tls) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (tls.caFile() == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                List<Certificate> cas = certificates("tls.caFile", tls.caFile());
                for (int i = 0; i < cas.size(); i++) {
                    anchors.setCertificateEntry("ca-" + i, cas.get(i));
                }
                trust.init(anchors);
            }
            KeyManagerFactory keys = null;
            if (tls.clientCertFile() != null) {
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                List<Certificate> chain = certificates("tls.clientCertFile", tls.clientCertFile());
                identity.setKeyEntry("client", privateKey(tls.clientKeyFile()), NO_PASSWORD,
                        chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls: cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(String field, Path file) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> result = new ArrayList<>();
        for (Block block : blocks(field, file)) {
            if (block.type().equals("CERTIFICATE")) {
                result.add(factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(field + ": no PEM CERTIFICATE in " + file);
        }
        return result;
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException {
        for (Block block : blocks("tls.clientKeyFile", file)) {
            if (block.type().equals("PRIVATE KEY")) {
                PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(block.der());
                for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                    } catch (GeneralSecurityException wrongAlgorithm) {
                        // try the next key algorithm
                    }
                }
                throw new IllegalArgumentException("tls.clientKeyFile: key is neither RSA, EC nor Ed25519: " + file);
            }
            if (block.type().endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException("tls.clientKeyFile: " + block.type()
                        + " is not supported, convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
            }
        }
        throw new IllegalArgumentException("tls.clientKeyFile: no PEM PRIVATE KEY in " + file);
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String field, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(field + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Block> result = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            result.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
        }
        return result;
    }
}
