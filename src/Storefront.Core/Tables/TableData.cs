namespace Storefront.Core.Tables;

/// <summary>One row of an uploaded table, with its line number as the person sees it in their spreadsheet.</summary>
public sealed record TableRow(int Line, IReadOnlyList<string> Cells)
{
    public string this[int column] => column < Cells.Count ? Cells[column] : "";
}

/// <summary>A table read from an uploaded CSV or XLSX file: its header row and the rows below it (blank rows left out).</summary>
public sealed record TableData(IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows)
{
    /// <summary>The column whose header is one of the names given (Chinese or English, case-insensitive), or -1.</summary>
    public int Column(params string[] names) =>
        Headers.Select((h, i) => (h, i)).Where(x => names.Any(n => string.Equals(x.h.Trim(), n, StringComparison.OrdinalIgnoreCase)))
            .Select(x => x.i).DefaultIfEmpty(-1).First();
}
