package org.heard.reporting.projection;

import java.nio.ByteBuffer;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;

/**
 * Nested parts of a projection document kept as one raw BSON value: the embedded store Java-serialises every nested
 * document it holds, but a byte array costs it almost nothing, and the service reads the fields in place.
 */
public final class RawBson {

    /** What a nested raw value may weigh: clear of MongoDB's 16 MiB document limit. */
    public static final int MAX_STORED_BYTES = 15 * 1024 * 1024;

    private RawBson() {
    }

    public static Binary binary(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new Binary(bytes);
    }

    public static Binary binary(Document document) {
        return binary(new RawBsonDocument(document, new DocumentCodec()));
    }

    public static RawBsonDocument read(Binary binary) {
        return new RawBsonDocument(binary.getData());
    }
}
