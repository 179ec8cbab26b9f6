package io.hearsay.core.impair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one fault grammar: what it reads, and how it refuses bad input (line, column, item, what is accepted). */
class FaultGrammarTest
{
    @Test
    void shouldReadAScenarioWithTimesSeedAndComments()
    {
        final FaultGrammar.Script script = FaultGrammar.parseScript("s.txt", String.join("\n",
            "# a comment",
            "seed 42",
            "",
            "at 0s     loss ge=0.01:0.3   # bursts",
            "at 200ms  partition groups=n0-n9/rest one-way",
            "at +2m    heal",
            "at 21:30  crash nodes=c3"));
        assertThat(script.seed()).isEqualTo(42L);
        final List<FaultStatement> s = script.statements();
        assertThat(s).extracting(FaultStatement::verb)
            .containsExactly(FaultVerb.LOSS, FaultVerb.PARTITION, FaultVerb.HEAL, FaultVerb.CRASH);
        assertThat(s.get(0).gilbertElliott()).containsExactly(0.01, 0.3, 1.0, 0.0);
        assertThat(s.get(1).atNs()).isEqualTo(200_000_000L);
        assertThat(s.get(1).groups()).containsExactly("n0-n9", "rest");
        assertThat(s.get(1).flag("one-way")).isTrue();
        assertThat(s.get(1).line()).isEqualTo(5);
        assertThat(s.get(2).atNs()).isEqualTo(120_000_000_000L);
        assertThat(s.get(3).isWallClock()).isTrue();
        assertThat(s.get(3).text("nodes")).isEqualTo("c3");
    }

    @Test
    void shouldReadTheDaemonsStatementsJoinedBySemicolons()
    {
        final LinkImpairment link = LinkImpairment.parse("--impair",
            "loss p=0.1; delay dist=normal:20ms,5ms jitter=1ms; duplicate p=0.01; reorder p=0.05");
        assertThat(link.lossProbability()).isEqualTo(0.1);
        assertThat(link.delay().kind()).isEqualTo(DelayDistribution.Kind.NORMAL);
        assertThat(link.delay().jitterNs()).isEqualTo(1_000_000L);
        assertThat(link.toString()).isEqualTo(
            "loss p=0.1; delay dist=normal:20ms,5ms jitter=1ms; duplicate p=0.01; reorder p=0.05 hold=30ms");
        assertThat(LinkImpairment.parse("x", link.toString())).isEqualTo(link);
        assertThat(LinkImpairment.parse("x", "none").isNone()).isTrue();
        assertThat(LinkImpairment.parse("x", "loss ge=0.01:0.3:0.9:0.05").toString()).isEqualTo("loss ge=0.01:0.3:0.9:0.05");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // input | what the message must contain
        "at 1s wobble p=1            | s line 1, column 7: 'wobble': unknown fault; accepted: loss, delay",
        "at 1s loss p=1.5            | s line 1, column 12: 'p=1.5': 1.5 is out of range; accepted: a probability 0..1",
        "at 1s loss                  | column 7: 'at 1s loss': missing p or ge; usage: loss p=P",
        "at 1s loss p=0.1 ge=0.1:0.2 | give only one of p or ge",
        "at 1s loss q=0.1            | column 12: 'q=0.1': unknown key 'q'; accepted: loss p=P",
        "at 1s crash for=2s nodes=n1 | column 13: 'for=2s': crash takes no for; accepted: crash nodes=SEL",
        "at 1s loss p=0.1 p=0.2      | column 18: 'p=0.2': p is given twice",
        "at soon loss p=0.1          | column 4: 'soon': not a time; accepted: an offset",
        "at -1s loss p=0.1           | 'before the start'",
        "at 1s                       | a step is: at TIME FAULT",
        "loss p=0.1                  | column 1: 'loss': a line is 'at TIME FAULT key=value...' or 'seed N'",
        "seed x                      | column 6: 'x': the seed is not a whole number",
        "at 1s delay dist=gauss:1ms  | unknown distribution 'gauss'",
        "at 1s delay dist=20         | 'dist=20': bad delay '20'",
        "at 1s sleep nodes=n1 for=5  | 'for=5': bad duration '5'; accepted: a number with a unit",
        "at 1s partition groups=a    | 'groups=a': a partition needs at least two groups",
        "at 1s partition groups=a/b/c one-way | a one-way partition takes exactly two groups",
        "at 1s bandwidth kbit=4      | 'kbit=4': 4 is too small; accepted: a whole number >= 8",
        "at 1s loss p=0.1 layer=cpu  | 'layer=cpu': unknown layer; accepted: kernel, daemon or process",
        "at 1s loss ge=0.1           | expected 2 to 4 probabilities, got 1"})
    void shouldRefuseBadLinesNamingLineColumnAndWhatIsAccepted(final String line, final String message)
    {
        assertThatThrownBy(() -> FaultGrammar.parseScript("s", "\n".repeat(0) + line))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message.trim());
    }

    @Test
    void shouldNameTheLineOfABadStepInALongerFile()
    {
        assertThatThrownBy(() -> FaultGrammar.parseScript("flaky.scenario", "at 0s loss p=0.1\n\n# x\nat 1s loss p=2"))
            .hasMessageStartingWith("flaky.scenario line 4, column 12: 'p=2'");
    }

    @Test
    void shouldRefuseBadDaemonImpairmentsNamingTheColumn()
    {
        assertThatThrownBy(() -> LinkImpairment.parse("IMPAIR", "loss p=0.1; crash nodes=n1"))
            .hasMessageContaining("IMPAIR column 13: 'crash nodes=n1': crash is not a link impairment");
        assertThatThrownBy(() -> LinkImpairment.parse("IMPAIR", "loss p=0.1 nodes=all"))
            .hasMessageContaining("'nodes=all': a link impairment takes no nodes=");
        assertThatThrownBy(() -> LinkImpairment.parse("IMPAIR", "loss p=0.1;"))
            .hasMessageContaining("empty statement");
        assertThatThrownBy(() -> LinkImpairment.parse("IMPAIR", "loss=0.1,delay=normal:20:5"))
            .hasMessageContaining("'loss=0.1,delay=normal:20:5': unknown fault");
        assertThatThrownBy(() -> FaultGrammar.parseStatement("fault", "at 1s loss p=0.1"))
            .hasMessageContaining("fault column 1: 'at': no time here");
    }
}
