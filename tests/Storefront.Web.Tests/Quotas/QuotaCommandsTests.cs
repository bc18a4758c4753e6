using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Tests.Quotas;

public class QuotaCommandsTests
{
    [Fact]
    public void TheReconciliationCommandPrintsEachDriftAndFinding()
    {
        var clean = new QuotaReconciliation.Report(2026, ["corrections"], 3, 10, 8, 80_000, [], [], 0);
        using var cleanOutput = new StringWriter();
        QuotaCommands.Write(cleanOutput, clean);
        Assert.EndsWith("No drift." + Environment.NewLine, cleanOutput.ToString());

        var drifting = new QuotaReconciliation.Report(2026, ["payments"], 1, 1, 0, 0,
            [new QuotaReconciliation.OrganisationDrift(7, "实验中学", 1_000, 3_000, 1_000)],
            [new QuotaReconciliation.Finding(QuotaReconciliation.FindingKind.MissingFromLedger, "payments", "payment:9", 7, 0, 2_000)], 1);
        using var output = new StringWriter();
        QuotaCommands.Write(output, drifting);
        var text = output.ToString();
        Assert.Contains("DRIFT organisation 7 实验中学: ledger ¥10.00, sources ¥30.00, monthly totals ¥10.00", text);
        Assert.Contains("MissingFromLedger [payments] payment:9", text);
        Assert.Contains("1 organisations drift; 1 findings.", text);
    }
}
