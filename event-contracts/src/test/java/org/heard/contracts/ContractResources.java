package org.heard.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the contract files shipped in event-contracts' resources under {@code contracts/}. */
final class ContractResources {

    private ContractResources() {
    }

    static String read(String path) {
        try (InputStream in = ContractResources.class.getClassLoader().getResourceAsStream("contracts/" + path)) {
            if (in == null) {
                throw new AssertionError("missing contract file contracts/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
