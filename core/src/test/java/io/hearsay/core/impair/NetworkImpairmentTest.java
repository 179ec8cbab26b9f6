package io.hearsay.core.impair;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The network model by node index: partitions, per-node drop, Gilbert-Elliott per sender. */
class NetworkImpairmentTest
{
    private final SplittableRandom random = new SplittableRandom(42);

    /** ten nodes: group 0 is 0..4, group 1 is 5..{@code lastOfSecond} */
    private static NetworkImpairment twoGroups(final int lastOfSecond)
    {
        final NetworkImpairment network = new NetworkImpairment(10, LinkImpairment.NONE);
        network.assignGroup(0, 0, 4);
        network.assignGroup(1, 5, lastOfSecond);
        return network;
    }

    @Test
    void shouldCutOneWayOnlyFromTheFirstGroupToTheSecond()
    {
        final NetworkImpairment network = twoGroups(9);
        network.cut(0, 1, false);
        assertThat(network.transmitNs(1, 7, random)).isEqualTo(-1);
        assertThat(network.transmitNs(7, 1, random)).isZero();
        assertThat(network.transmitNs(1, 2, random)).isZero();
        network.heal(1, 0);
        assertThat(network.transmitNs(1, 7, random)).isZero();
    }

    @Test
    void shouldCutBothWaysAndHealAll()
    {
        final NetworkImpairment network = twoGroups(9);
        network.cut(0, 1, true);
        assertThat(network.transmitNs(1, 7, random)).isEqualTo(-1);
        assertThat(network.transmitNs(7, 1, random)).isEqualTo(-1);
        assertThat(network.transmitNs(8, 9, random)).isZero();
        network.healAll();
        assertThat(network.transmitNs(7, 1, random)).isZero();
        assertThat(network.counters().blockedOutbound).isEqualTo(2);
    }

    @Test
    void shouldNotCutNodesOutsideEveryGroup()
    {
        final NetworkImpairment network = twoGroups(8);
        network.cut(0, 1, true);
        assertThat(network.transmitNs(1, 9, random)).isZero();
    }

    @Test
    void shouldDropArrivingDatagramsAtTheChosenNodesOnly()
    {
        final NetworkImpairment network = new NetworkImpairment(4, LinkImpairment.NONE);
        network.drop(true, 2, 3, 0.5);
        int lostAt2 = 0;
        for (int i = 0; i < 20_000; i++)
        {
            lostAt2 += network.transmitNs(0, 2, random) < 0 ? 1 : 0;
            assertThat(network.transmitNs(0, 1, random)).isZero();
        }
        // binomial(20000, 0.5): sd 70.7, 5 sd
        assertThat(lostAt2).isBetween(10_000 - 354, 10_000 + 354);
    }

    @Test
    void shouldKeepOneGilbertElliottChainPerSender()
    {
        // sender 0 stays in good (P(good->bad) = 0 on its own draws) is impossible to force per sender, so check the
        // burst structure per sender: interleaving two senders must not shorten either's bursts
        final NetworkImpairment network = new NetworkImpairment(2, LinkImpairment.NONE.withGilbertElliott(0.05, 0.2, 1, 0));
        int lost = 0;
        int bursts = 0;
        boolean previousLost = false;
        for (int i = 0; i < 200_000; i++)
        {
            network.transmitNs(1, 0, random); // the other sender's chain, interleaved
            final boolean isLost = network.transmitNs(0, 1, random) < 0;
            if (isLost)
            {
                lost++;
                bursts += previousLost ? 0 : 1;
            }
            previousLost = isLost;
        }
        assertThat((double)lost / bursts).isBetween(4.5, 5.5);
    }
}
