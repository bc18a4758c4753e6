namespace Storefront.Core.Data;

/// <summary>
/// A statement run on nearly every request, the same text each time: tagged with <see cref="Tag"/> (EF's TagWith, or
/// the comment at the head of raw SQL), it is kept prepared on SQLite (the web's Performance/KeptStatements), as
/// Npgsql's automatic preparation keeps every statement on PostgreSQL.
/// </summary>
public static class KeptStatement
{
    public const string Tag = "kept prepared";

    /// <summary>How EF writes the tag at the head of a statement's text, without its end of line.</summary>
    public const string TagLine = "-- " + Tag;

    /// <summary>The head of a raw statement to keep prepared.</summary>
    public const string TaggedText = TagLine + "\n";

    /// <summary>The tag of a statement that the web may also run without EF once EF has run it (one statement per name).</summary>
    public static string Named(string name) => $"{Tag}: {name}";
}
