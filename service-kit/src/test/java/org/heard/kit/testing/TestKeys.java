package org.heard.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

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
 * Keys for tests, made fresh per JVM: a master keyset, an NHS lookup key and an RSA token issuer, plus tokens for any
 * role — valid ones and the ones that must be refused (forged, expired, wrong audience, unsigned).
 */
public final class TestKeys {

    public static final String ISSUER = "heard-test-issuer";
    public static final String AUDIENCE = "heard";

    private static final KeyPair ISSUER_KEYS = rsa();
    private static final KeyPair FORGER_KEYS = rsa();
    private static final Path DIR;
    private static final String LOOKUP_KEY;
    private static final String DATASET_KEY;

    static {
        try {
            DIR = Files.createTempDirectory("heard-test-keys");
            AeadConfig.register();
            KeysetHandle master = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            Files.writeString(DIR.resolve("master-keyset.json"),
                    TinkJsonProtoKeysetFormat.serializeKeyset(master, InsecureSecretKeyAccess.get()));
            Files.writeString(DIR.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ISSUER_KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            byte[] lookup = new byte[32];
            new SecureRandom().nextBytes(lookup);
            LOOKUP_KEY = Base64.getEncoder().encodeToString(lookup);
            byte[] dataset = new byte[32];
            new SecureRandom().nextBytes(dataset);
            DATASET_KEY = Base64.getEncoder().encodeToString(dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestKeys() {
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same settings as {@link #register}, for a service started without the test framework. */
    public static java.util.Map<String, String> properties() {
        return java.util.Map.of(
                "heard.privacy.master-keyset-file", DIR.resolve("master-keyset.json").toString(),
                "heard.privacy.lookup-key", LOOKUP_KEY,
                "heard.analytics.dataset-key", DATASET_KEY,
                "heard.security.jwt.issuer", ISSUER,
                "heard.security.jwt.audience", AUDIENCE,
                "heard.security.jwt.public-key-location", DIR.resolve("jwt-public.pem").toUri().toString());
    }

    /** Points a service under test at these keys. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("heard.privacy.master-keyset-file", () -> DIR.resolve("master-keyset.json").toString());
        registry.add("heard.privacy.lookup-key", () -> LOOKUP_KEY);
        registry.add("heard.analytics.dataset-key", () -> DATASET_KEY);
        registry.add("heard.security.jwt.issuer", () -> ISSUER);
        registry.add("heard.security.jwt.audience", () -> AUDIENCE);
        registry.add("heard.security.jwt.public-key-location", () -> DIR.resolve("jwt-public.pem").toUri().toString());
    }

    /** A valid token for the role, with a random subject. */
    public static String token(String role) {
        return token(role, role + "-" + UUID.randomUUID(), null);
    }

    /** The provider and team of staff tokens that do not name their own. */
    public static final String PROVIDER = "provider-test";
    public static final String TEAM = "team-test";

    /**
     * A valid token; personId is the {@code person_id} claim of a service user (null otherwise). Advocates' and trust
     * feeds' tokens work for {@link #PROVIDER} (advocates in {@link #TEAM}).
     */
    public static String token(String role, String subject, String personId) {
        boolean staff = role.equals("advocate") || role.equals("integration");
        return token(role, subject, personId, staff ? PROVIDER : null, role.equals("advocate") ? TEAM : null);
    }

    /** A valid token of a provider's staff member: {@code provider} and {@code team} claims as given (null: none). */
    public static String token(String role, String subject, String personId, String provider, String team) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(claims(role, subject, personId, AUDIENCE,
                Instant.now().plus(Duration.ofMinutes(10))));
        if (provider != null) {
            builder.claim("provider", provider);
        }
        if (team != null) {
            builder.claim("team", team);
        }
        return sign(ISSUER_KEYS, builder.build());
    }

    /** A token signed by the issuer with valid claims for the role, changed as the test says. */
    public static String custom(String role, java.util.function.Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(claims(role, role + "-" + UUID.randomUUID(), null,
                AUDIENCE, Instant.now().plus(Duration.ofMinutes(10))));
        change.accept(builder);
        return sign(ISSUER_KEYS, builder.build());
    }

    /** Where the issuer's public key is, as the services' configuration names it. */
    public static String publicKeyLocation() {
        return DIR.resolve("jwt-public.pem").toUri().toString();
    }

    /** Signed by a key that is not the issuer's. */
    public static String forged(String role) {
        return sign(FORGER_KEYS, claims(role, "forger", null, AUDIENCE, Instant.now().plus(Duration.ofMinutes(10))));
    }

    public static String expired(String role) {
        return sign(ISSUER_KEYS, claims(role, "late", null, AUDIENCE, Instant.now().minus(Duration.ofMinutes(10))));
    }

    public static String wrongAudience(String role) {
        return sign(ISSUER_KEYS, claims(role, "elsewhere", null, "another-service",
                Instant.now().plus(Duration.ofMinutes(10))));
    }

    /** An unsigned token ({@code "alg":"none"}) claiming the role. */
    public static String unsigned(String role) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        JWTClaimsSet claims = claims(role, "mallory", null, AUDIENCE, Instant.now().plus(Duration.ofMinutes(10)));
        return header + "." + b64(claims.toString()) + ".";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JWTClaimsSet claims(String role, String subject, String personId, String audience, Instant expiry) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(expiry))
                .claim("roles", List.of(role));
        if (personId != null) {
            builder.claim("person_id", personId);
        }
        return builder.build();
    }

    private static String sign(KeyPair keys, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) ISSUER_KEYS.getPublic();
    }
}
