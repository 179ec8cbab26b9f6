package io.hearsay.sampleapps.printer;

import io.hearsay.spi.Cluster;
import io.hearsay.spi.GossipApplication;
import io.hearsay.spi.Member;
import io.hearsay.spi.Subscription;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Prints each membership change this node sees ({@code <time> <self> sees <member> STATUS incarnation N}) to
 * standard output, and the member list once at start.
 */
public final class MembershipPrinterApp implements GossipApplication
{
    public static final String NAME = "printer";

    private final PrintStream out;
    private Subscription subscription;
    private String self;

    public MembershipPrinterApp()
    {
        this(System.out);
    }

    public MembershipPrinterApp(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public void start(final Cluster cluster)
    {
        self = cluster.selfAddressText();
        subscription = cluster.onMembershipChange(this::onMemberChange);
        out.println(Instant.now() + " " + self + " starts with " + cluster.members().size() + " members");
    }

    @Override
    public void stop()
    {
        if (null != subscription)
        {
            subscription.close();
        }
    }

    private void onMemberChange(final Member member)
    {
        out.println(Instant.now() + " " + self + " sees " + member.addressText() + " " + member.status() +
            " incarnation " + member.incarnation());
    }
}
