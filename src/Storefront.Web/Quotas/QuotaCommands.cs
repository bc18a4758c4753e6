using System.Globalization;
using Storefront.Core.Money;
using Storefront.Core.Quotas;

namespace Storefront.Web.Quotas;

/// <summary>
/// `dotnet run --project src/Storefront.Web -- reconcile-quotas [--year 2026]`: reconciles the ledger with its sources
/// and the monthly totals, prints the report, and exits with 0 when there is no drift, 1 when there is (for cron).
/// </summary>
public static class QuotaCommands
{
    public const string Reconcile = "reconcile-quotas";

    public static async Task<bool> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Reconcile) return false;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var year = ShanghaiTime.YearOf(clock.GetUtcNow().UtcDateTime);
        var yearAt = Array.IndexOf(args, "--year");
        if (yearAt > 0 && (yearAt + 1 >= args.Length || !int.TryParse(args[yearAt + 1], NumberStyles.None, CultureInfo.InvariantCulture, out year)))
        {
            Console.Error.WriteLine("usage: reconcile-quotas [--year YYYY]");
            Environment.ExitCode = 2;
            return true;
        }
        using var scope = app.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<QuotaReconciliation>().RunAsync(year);
        Write(Console.Out, report);
        Environment.ExitCode = report.IsClean ? 0 : 1;
        return true;
    }

    public static void Write(TextWriter output, QuotaReconciliation.Report report)
    {
        output.WriteLine($"Quota reconciliation {report.Year}: sources {string.Join(", ", report.Sources)}");
        output.WriteLine($"{report.OrganisationsChecked} organisations, {report.EntriesChecked} entries; {report.UncheckedEntries} entries ({Fen.Format(report.UncheckedFen)}) of kinds no source accounts for yet");
        foreach (var drift in report.Drifts)
            output.WriteLine($"DRIFT organisation {drift.OrganisationId} {drift.Name}: ledger {Fen.Format(drift.LedgerFen)}, sources {Fen.Format(drift.RecomputedFen)}, monthly totals {Fen.Format(drift.TotalsFen)}");
        foreach (var finding in report.Findings)
            output.WriteLine($"{finding.Kind} [{finding.Source}] {finding.SourceKey} organisation {finding.OrganisationId}: ledger {Fen.Format(finding.LedgerFen)}, expected {Fen.Format(finding.ExpectedFen)}");
        output.WriteLine(report.IsClean ? "No drift." : $"{report.Drifts.Count} organisations drift; {report.FindingCount} findings.");
    }
}
