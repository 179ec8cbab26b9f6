package io.hearsay.master.live;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (headless Chromium through Selenium and Debian's chromedriver): it loads the page of
 * a running loopback cluster, sees every node in the table and the view matrix, injects an event from the page and
 * sees the live curve reach N; the screenshot is saved to {@code target/browser/dashboard.png}. Skipped, with the
 * reason, where no browser can be had ({@code scripts/ensure-browser} installs one).
 */
class DashboardBrowserTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void shouldShowEveryNodeTheMatrixAndTheCurveReachingNAfterAnInjectFromThePage() throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), () -> "no headless browser here (" +
            CHROMIUM + ", " + DRIVER + " missing; scripts/ensure-browser installs Debian's chromium and chromium-driver)" +
            reason());
        final int processes = 2;
        final int perProcess = 12;
        try (LiveTestCluster cluster = new LiveTestCluster(processes, perProcess, null))
        {
            cluster.awaitMembership();
            final ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1400,1400");
            final ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
            final WebDriver browser;
            try
            {
                browser = new ChromeDriver(service, options);
            }
            catch (final RuntimeException ex)
            {
                assumeTrue(false, "the browser does not start here: " + ex.getMessage().lines().findFirst().orElse(""));
                return;
            }
            try
            {
                final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
                browser.get(cluster.url("/"));
                final int n = cluster.nodes;
                wait.withMessage("every node in the table").until(d ->
                    d.findElements(By.cssSelector("#nodes-table tbody tr")).size() == n);
                assertThat(browser.findElement(By.id("total-nodes")).getText()).isEqualTo(n + " nodes");
                for (final NodeRow row : cluster.collector.snapshot().nodes())
                {
                    assertThat(browser.findElements(By.cssSelector("#nodes-table tr[data-node='" + row.node() + "']")))
                        .as("row of " + row.node()).hasSize(1);
                }
                final WebElement heatMap = browser.findElement(By.id("heatmap"));
                wait.withMessage("the view matrix drawn").until(d -> heatMap.getAttribute("data-cells") != null &&
                    Integer.parseInt(heatMap.getAttribute("data-cells")) > 0);
                assertThat(Integer.parseInt(heatMap.getAttribute("data-blocks"))).isPositive();
                assertThat(browser.findElement(By.id("matrix-info")).getText()).startsWith(n + " x " + n);

                browser.findElement(By.id("inject-payload")).clear();
                browser.findElement(By.id("inject-payload")).sendKeys("from the browser");
                browser.findElement(By.id("inject-submit")).click();
                final WebElement knowing = browser.findElement(By.id("knowing"));
                wait.withMessage("the live curve reaching " + n).until(d ->
                    String.valueOf(n).equals(knowing.getAttribute("data-knowing")));
                assertThat(knowing.getText()).contains(n + " of " + n + " running nodes know");
                assertThat(browser.findElements(By.cssSelector("#curve canvas"))).isNotEmpty();
                assertThat(browser.findElement(By.id("timeline")).getText()).contains("inject").contains("from the browser");
                assertThat(browser.findElement(By.id("error")).getText()).isEmpty();

                final File shot = ((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE);
                final Path artifact = Path.of("target", "browser", "dashboard.png");
                Files.createDirectories(artifact.getParent());
                Files.copy(shot.toPath(), artifact, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(artifact)).isPositive();
            }
            finally
            {
                browser.quit();
            }
        }
    }

    private static String reason()
    {
        try
        {
            final Path file = Path.of("..", "target", "browser-unavailable.txt");
            return Files.exists(file) ? ": " + Files.readString(file).strip() : "";
        }
        catch (final java.io.IOException ex)
        {
            return "";
        }
    }
}
