package org.heard.reporting.impact;

import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * CSV for people who open it in a spreadsheet: a file name to save it under, one header row of words that say what
 * each column is, cells quoted only when they must be, and every withheld cell written "*" (as in JSON); an empty cell
 * is a figure that does not apply (e.g. a change at baseline).
 */
final class Csv {

    /** The legend every CSV's first header cell carries. */
    static final String LEGEND = "* = withheld (a count of 1-7, or hidden so that a total cannot reveal one);"
            + " other counts rounded to the nearest 5; empty = does not apply";

    private final StringBuilder text = new StringBuilder();

    Csv row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells.get(i)));
        }
        text.append('\n');
        return this;
    }

    ResponseEntity<String> download(String fileName) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build()
                        .toString())
                .body(text.toString());
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** A file name part made of letters, digits and dashes only. */
    static String part(String value) {
        return value == null ? "" : value.replaceAll("[^A-Za-z0-9-]+", "-");
    }
}
