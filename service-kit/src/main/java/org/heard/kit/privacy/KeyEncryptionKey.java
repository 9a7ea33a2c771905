package org.heard.kit.privacy;

import com.google.crypto.tink.Aead;

/**
 * The master key that wraps every person's data key. Locally it is a Tink keyset in a file; in production it can be
 * a KMS key through Tink's KMS envelope (a bean of this type built from a {@code KmsClient}).
 */
@FunctionalInterface
public interface KeyEncryptionKey {

    Aead aead();
}
