package io.hearsay.records.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Chronicle's usage analytics must be neither on the class path nor enabled. */
class ChronicleAnalyticsAbsentTest
{
    @Test
    void shouldHaveNoChronicleAnalyticsOnTheClassPath()
    {
        final ClassLoader loader = getClass().getClassLoader();
        assertThat(loader.getResource("net/openhft/chronicle/analytics/")).isNull();
        assertThat(loader.getResource("net/openhft/chronicle/analytics/Analytics.class")).isNull();
        boolean found;
        try
        {
            Class.forName("net.openhft.chronicle.analytics.Analytics", false, loader);
            found = true;
        }
        catch (final ClassNotFoundException ex)
        {
            found = false;
        }
        assertThat(found).isFalse();
    }

    @Test
    void shouldRunWithAnalyticsAndAnnouncerDisabled()
    {
        assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
        assertThat(System.getProperty("chronicle.announcer.disable")).isEqualTo("true");
    }
}
