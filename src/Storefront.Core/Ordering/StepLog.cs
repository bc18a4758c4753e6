namespace Storefront.Core.Ordering;

// TEMPORARY measurement aid (not to be committed).
public static class StepLog
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("STOREFRONT_STEP_LOG");
    private static readonly AsyncLocal<(long Start, System.Text.StringBuilder Text)?> Current = new();
    public static void Begin() { if (Path is not null) Current.Value = (System.Diagnostics.Stopwatch.GetTimestamp(), new System.Text.StringBuilder()); }
    public static void Mark(string name)
    {
        if (Current.Value is not { } c) return;
        c.Text.Append($"{name}={System.Diagnostics.Stopwatch.GetElapsedTime(c.Start).TotalMilliseconds:0.0} ");
    }
    public static void End() { if (Path is not null && Current.Value is { } c) { lock (Current) File.AppendAllText(Path, c.Text + "\n"); Current.Value = null; } }
}
