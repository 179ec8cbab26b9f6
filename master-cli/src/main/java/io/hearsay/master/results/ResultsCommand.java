package io.hearsay.master.results;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./hearsay results}: writes docs/RESULTS.md (and its charts) from the checked-in experiment outputs. */
@Command(
    name = "results",
    mixinStandardHelpOptions = true,
    description = {
        "Write docs/RESULTS.md from the checked-in experiment outputs: the simulator ladder",
        "(experiments/results/sim-ladder, made by experiments/sim-ladder.sh) and the Docker lab's runs",
        "(experiments/results/lab, made by ./hearsay experiment run experiments/direct-cluster*.exp).",
        "Fits, intervals and verdicts come from the report's analysis; every number is computed, none typed.",
        "--check compares instead of writing (exit 1 when docs/RESULTS.md is not what the data gives)."
    })
public final class ResultsCommand implements Callable<Integer>
{
    @Option(names = "--ladder", paramLabel = "DIR", description = "simulator ladder (default: experiments/results/sim-ladder)")
    Path ladder;

    @Option(names = "--lab", paramLabel = "DIR", description = "Docker lab outputs (default: experiments/results/lab)")
    Path lab;

    @Option(names = "--out", paramLabel = "FILE", description = "the document (default: docs/RESULTS.md; charts beside it in results/)")
    Path out;

    @Option(names = "--check", description = "do not write: exit 1 if the document differs from what the data gives")
    boolean check;

    @Option(names = "--bootstrap", paramLabel = "B", description = "bootstrap resamples per fit (default: 1000)")
    int bootstrap = 1000;

    @Override
    public Integer call() throws Exception
    {
        final Path home = Path.of(System.getenv().getOrDefault("HEARSAY_HOME", "."));
        final Path ladderDir = ladder != null ? ladder : home.resolve("experiments/results/sim-ladder");
        final Path labDir = lab != null ? lab : home.resolve("experiments/results/lab");
        final Path doc = out != null ? out : home.resolve("docs/RESULTS.md");
        if (bootstrap < 0)
        {
            System.err.println("results: --bootstrap " + bootstrap + " must be 0 or more");
            return 1;
        }
        if (!Files.isDirectory(ladderDir))
        {
            System.err.println("results: " + ladderDir + " is not a folder (run experiments/sim-ladder.sh first)");
            return 1;
        }
        final ResultsWriter writer = new ResultsWriter(LadderData.read(ladderDir), LabData.read(labDir), bootstrap,
            home.toAbsolutePath().normalize());
        final String text = writer.markdown();
        if (check)
        {
            final String existing = Files.isRegularFile(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
            if (!existing.equals(text))
            {
                System.err.println("results: " + doc + " differs from what " + ladderDir + " and " + labDir +
                    " give; run ./hearsay results");
                return 1;
            }
            System.out.println(doc + " matches the data");
            return 0;
        }
        Files.createDirectories(doc.toAbsolutePath().getParent());
        Files.writeString(doc, text, StandardCharsets.UTF_8);
        writer.charts(doc.toAbsolutePath().getParent().resolve(ResultsWriter.CHARTS));
        System.out.println("wrote " + doc + " and its charts in " + doc.toAbsolutePath().getParent().resolve(ResultsWriter.CHARTS));
        return 0;
    }
}
