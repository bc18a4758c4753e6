using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Core.Tables;

namespace Storefront.Web.Quotas;

/// <summary>
/// An admin's bulk import of canteen filings from a CSV or XLSX table (one row per organisation, found by its unified
/// social credit code). Every row is checked first; when any row is refused nothing is imported, and the page lists
/// each refused row with its line and reason. Imported filings are approved at once (the admin vouches for them).
/// </summary>
public sealed class FilingImport(StorefrontDbContext db, CanteenFilings filings)
{
    public const int MaxRows = 10_000;

    public static readonly string[] CodeHeaders = ["统一社会信用代码", "信用代码", "credit code", "credit_code", "code"];
    public static readonly string[] KindHeaders = ["备案类型", "类型", "kind", "type"];
    public static readonly string[] BaseHeaders = ["食堂食材采购总额（元）", "食堂食材采购总额(元)", "采购总额", "base", "base (yuan)", "base_yuan"];
    public static readonly string[] HostHeaders = ["共用食堂单位信用代码", "共用单位信用代码", "shared with", "host credit code", "host"];
    public static readonly string[] PledgeHeaders = ["承诺比例（%）", "承诺比例(%)", "承诺比例", "pledge", "pledge (%)"];

    /// <summary>A refused row: its line in the spreadsheet, the code it names, and the reason as a resource key.</summary>
    public sealed record Refusal(int Line, string Code, string Reason);

    public sealed record Result(int Imported, IReadOnlyList<Refusal> Refused, bool MissingColumns);

    public async Task<Result> ImportAsync(TableData table, int year, string? adminUserId, CancellationToken ct = default)
    {
        int code = table.Column(CodeHeaders), kind = table.Column(KindHeaders), baseColumn = table.Column(BaseHeaders),
            host = table.Column(HostHeaders), pledge = table.Column(PledgeHeaders);
        if (code < 0 || kind < 0) return new Result(0, [], MissingColumns: true);

        var codes = table.Rows.SelectMany(r => new[] { r[code], host >= 0 ? r[host] : "" }).Where(c => c.Length > 0).Select(c => c.ToUpperInvariant()).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.CreditCode)).ToDictionaryAsync(o => o.CreditCode, o => o.Id, ct);
        var refused = new List<Refusal>();
        var accepted = new List<(int OrganisationId, CanteenFilings.Input Input)>();
        var seen = new HashSet<int>();
        foreach (var row in table.Rows)
        {
            var rowCode = row[code].ToUpperInvariant();
            string? reason = null;
            var parsedKind = ParseKind(row[kind]);
            long? baseFen = baseColumn >= 0 && row[baseColumn].Length > 0 ? Fen.ParseYuan(row[baseColumn]) : null;
            int? pledged = pledge >= 0 && row[pledge].Length > 0 ? ReservedQuota.ParseRatio(row[pledge]) : null;
            int? hostId = null;
            if (!UnifiedSocialCreditCode.IsValid(rowCode)) reason = "FilingImport.Refusal.BadCode";
            else if (!organisations.TryGetValue(rowCode, out var organisationId)) reason = "FilingImport.Refusal.UnknownOrganisation";
            else if (!seen.Add(organisationId)) reason = "FilingImport.Refusal.Duplicate";
            else if (parsedKind is null) reason = "FilingImport.Refusal.BadKind";
            else if (baseColumn >= 0 && row[baseColumn].Length > 0 && baseFen is null) reason = "FilingImport.Refusal.BadBase";
            else if (pledge >= 0 && row[pledge].Length > 0 && pledged is null) reason = "FilingImport.Refusal.BadPledge";
            else if (parsedKind == FilingKind.SharesCanteen && (host < 0 || !organisations.TryGetValue(row[host].ToUpperInvariant(), out var h)))
                reason = "FilingImport.Refusal.UnknownHost";
            else
            {
                if (parsedKind == FilingKind.SharesCanteen) hostId = organisations[row[host].ToUpperInvariant()];
                var input = new CanteenFilings.Input(parsedKind.Value, baseFen, hostId, pledged);
                var problems = await filings.ValidateAsync(organisationId, year, input, ct);
                if (problems.Count > 0) reason = $"Filing.Problem.{problems[0].Problem}";
                else accepted.Add((organisationId, input));
            }
            if (reason is not null) refused.Add(new Refusal(row.Line, rowCode, reason));
        }
        if (refused.Count > 0) return new Result(0, refused, false);
        foreach (var (organisationId, input) in accepted)
            await filings.ImportAsync(organisationId, year, input, adminUserId, ct);
        return new Result(accepted.Count, [], false);
    }

    public static FilingKind? ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "有食堂" or "食堂" or "canteen" or "1" => FilingKind.Canteen,
        "无食堂" or "none" or "no canteen" or "2" => FilingKind.NoCanteen,
        "共用食堂" or "共用" or "shared" or "shares canteen" or "3" => FilingKind.SharesCanteen,
        _ => null,
    };
}
