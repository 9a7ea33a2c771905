package org.heard.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds of what a request may carry ({@code heard.web.*}).
 *
 * @param maxBodySize the largest request body read (HEARD_MAX_BODY_SIZE); a larger one is answered 413 before it is
 *                    read whole, whether it declares its length or not
 */
@ConfigurationProperties("heard.web")
public record WebProperties(@DefaultValue("256KB") DataSize maxBodySize) {

    public WebProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("heard.web.max-body-size must be at least 1 byte");
        }
    }
}
