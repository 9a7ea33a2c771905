package org.heard.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.heard.contracts.envelope.EventJson;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

/**
 * A real browser for the page tests: Debian's chromium and chromium-driver through Selenium, headless at 1280 px;
 * signing in with a development token in the address's fragment, screenshots under
 * {@code target/dashboard-screenshots}, and axe-core's check. Tests using it are skipped when chromium or
 * chromium-driver is not installed ({@code @EnabledIf("org.heard.reporting.dashboard.Browser#installed")};
 * {@code .ci/run} installs them).
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("heard.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("heard.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    /** The browser itself, for what a test does with it. */
    public final ChromeDriver driver;

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    public Browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--force-device-scale-factor=1", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Opens the page with the token in its fragment; checks that the page took it out of the address. */
    public void signIn(String page, String token) {
        driver.get("about:blank");
        driver.get(page + "#token=" + token);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("who")).isDisplayed());
        // the page replaces the address before it shows who is signed in; the driver may learn of it a moment later
        new WebDriverWait(driver, Duration.ofSeconds(5)).ignoring(AssertionError.class).until(d -> {
            assertThat(d.getCurrentUrl()).as("the token is taken out of the address").doesNotContain(token);
            return true;
        });
    }

    /** Saves the whole page at this width as {@code <name>.png}; returns the file. */
    public Path screenshot(String name, int width) throws IOException {
        long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 120, 6000)));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Runs axe-core in the page; fails on any serious or critical violation, naming the rule and the elements. */
    public void assertNoSeriousAccessibilityViolation(String where) throws IOException {
        String axe;
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        script(axe);
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,"
                        + " nodes: v.nodes.map(n => n.target.join(' '))})))))"
                        + ".catch(e => done('failed: ' + e));");
        assertThat(String.valueOf(result)).as("axe ran").doesNotStartWith("failed");
        JsonNode violations = EventJson.mapper().readTree(String.valueOf(result));
        List<String> serious = new ArrayList<>();
        violations.forEach(v -> {
            String impact = v.get("impact").asString();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(v.get("id").asString() + " " + v.get("nodes"));
            }
        });
        assertThat(serious).as("serious or critical axe violations in the %s", where).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
