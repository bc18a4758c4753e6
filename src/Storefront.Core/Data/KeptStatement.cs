namespace Storefront.Core.Data;

/// <summary>
/// A statement run on nearly every request, the same text each time: tagged with <see cref="Tag"/> (EF's TagWith, or
/// the comment at the head of raw SQL), it is kept prepared on SQLite (the web's Performance/SqliteKeptStatements), as
/// Npgsql's automatic preparation keeps every statement on PostgreSQL.
/// </summary>
public static class KeptStatement
{
    public const string Tag = "kept prepared";

    /// <summary>How EF writes the tag at the head of a statement's text.</summary>
    public const string TaggedText = "-- " + Tag + "\n";
}
