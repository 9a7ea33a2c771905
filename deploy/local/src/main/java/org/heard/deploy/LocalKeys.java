package org.heard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The local stack's keys, made once under {@code <home>/keys} (readable by the owner only): the master keyset that
 * wraps people's data keys, the NHS-lookup and dataset pseudonym keys, and the development token issuer's RSA pair.
 * The issuer's private key exists only here, so development tokens can be minted only on this machine; a real
 * deployment points the services at its OIDC issuer instead.
 */
public final class LocalKeys {

    public static final String ISSUER = "heard-local";
    public static final String AUDIENCE = "heard";
    /** The roles a development token can carry. */
    public static final List<String> ROLES = List.of("advocate", "service-user", "service-user-panel", "analyst",
            "operations", "integration");

    /**
     * The provider and team of the local stack's staff tokens (advocates and trust feeds), unless
     * {@code HEARD_TOKEN_PROVIDER} / {@code HEARD_TOKEN_TEAM} name others: a case belongs to the provider that
     * received it, so a token without a provider cannot refer.
     */
    public static final String PROVIDER = "provider-local";
    public static final String TEAM = "team-local";

    private final Path dir;

    public LocalKeys(Path home) {
        this.dir = home.resolve("keys");
    }

    /** Creates whatever key is missing. */
    public LocalKeys ensure() throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("master-keyset.json"))) {
            AeadConfig.register();
            write("master-keyset.json", TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
        }
        for (String name : List.of("lookup.key", "dataset.key")) {
            if (!Files.exists(dir.resolve(name))) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                write(name, Base64.getEncoder().encodeToString(key));
            }
        }
        if (!Files.exists(dir.resolve("jwt-private.pem"))) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            write("jwt-private.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write("jwt-public.pem", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return this;
    }

    /** The environment that points a service at these keys and this issuer. */
    public Map<String, String> environment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HEARD_MASTER_KEYSET_FILE", dir.resolve("master-keyset.json").toString());
        env.put("HEARD_LOOKUP_KEY", Files.readString(dir.resolve("lookup.key")).trim());
        env.put("HEARD_DATASET_KEY", Files.readString(dir.resolve("dataset.key")).trim());
        env.put("HEARD_JWT_ISSUER", ISSUER);
        env.put("HEARD_JWT_AUDIENCE", AUDIENCE);
        env.put("HEARD_JWT_PUBLIC_KEY", dir.resolve("jwt-public.pem").toUri().toString());
        return env;
    }

    /**
     * A development token for a role, valid for the given time.
     *
     * @param personId the {@code person_id} claim of a service user (null for other roles)
     */
    public String token(String role, String subject, String personId, Duration validFor)
            throws IOException, GeneralSecurityException {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES);
        }
        String pem = Files.readString(dir.resolve("jwt-private.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validFor))).claim("roles", List.of(role));
        if (personId != null) {
            claims.claim("person_id", personId);
        }
        if (role.equals("advocate") || role.equals("integration")) {
            claims.claim("provider", envOr("HEARD_TOKEN_PROVIDER", PROVIDER));
        }
        if (role.equals("advocate")) {
            claims.claim("team", envOr("HEARD_TOKEN_TEAM", TEAM));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new GeneralSecurityException(e);
        }
        return jwt.serialize();
    }

    /**
     * Writes a token to {@code <home>/keys/<name>} (owner-readable only), replacing the file whole so that a reader
     * never sees half of it: how the local stack hands a service its own identity (the trust gateway calls
     * case-service as the {@code integration} role with it, re-reading the file when it changes).
     */
    public Path writeToken(String name, String role, String subject, Duration validFor)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        String token = token(role, subject, null, validFor);
        Path tmp = dir.resolve(name + ".tmp");
        write(tmp.getFileName().toString(), token + "\n");
        Path file = dir.resolve(name);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
