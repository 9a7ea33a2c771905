package org.heard.deploy.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the headline impact table by cohort from the analyst API, as an analyst sees it: every figure already
 * through the disclosure rule ("*" where a group is too small).
 */
public final class HeadlineTable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HeadlineTable() {
    }

    /** Waits until the cohort figures stop changing (the projections have caught up), then returns them. */
    public static JsonNode await(String reportingUrl, String analystToken, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(reportingUrl
                        + "/api/impact/cohorts?groupBy=advocacyType"))
                .header("Authorization", "Bearer " + analystToken).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String previous = null;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                stable = response.body().equals(previous) ? stable + 1 : 0;
                previous = response.body();
                if (stable >= 3) {
                    return JSON.readTree(previous);
                }
            }
            Thread.sleep(1000);
        }
        return previous == null ? JSON.createArrayNode() : JSON.readTree(previous);
    }

    public static void print(JsonNode rows, PrintStream out) {
        String format = "  %-30s %7s %8s %9s %8s %17s %9s %9s %9s %9s %8s %8s%n";
        out.printf(format, "advocacy type", "people", "assessed", "baseline", "latest", "change (95% CI)",
                "any rise", "reliably", "took part", "heard", "days→1st", "transf.");
        for (JsonNode row : rows) {
            out.printf(format, row.get("group").get("advocacyType").asString(), v(row, "people"),
                    v(row, "assessedPeople"), v(row, "meanBaseline"), v(row, "meanLatest"),
                    v(row, "meanChange") + " (" + v(row, "changeCi95Low") + "–" + v(row, "changeCi95High") + ")",
                    pct(row, "improvedPercent"), pct(row.path("reliableChange").path("improvement"), "percent"),
                    pct(row, "tookPartPercent"), pct(row, "viewsTakenPercent"),
                    v(row, "medianDaysToFirstContact"), v(row, "transformational"));
        }
        out.println("  (\"*\": too few to show, or withheld so that a total cannot reveal another cell; counts rounded to"
                + " the nearest 5; \"any rise\": any increase of the total; \"reliably\": reliable improvement"
                + " (Jacobson & Truax), \"-\" unless the version declares a basis or HEARD_ESTIMATE_RELIABLE_CHANGE=true;"
                + " \"heard\": share of forums where their views were taken into account; transf.:"
                + " sustained improvement in two or more domains)");
    }

    private static String v(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? "-" : value.asString();
    }

    private static String pct(JsonNode row, String field) {
        String value = v(row, field);
        return value.equals("*") || value.equals("-") ? value : value + "%";
    }
}
