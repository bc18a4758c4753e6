namespace Storefront.Core.Settings;

/// <summary>One platform-wide setting an admin may change, by key; kept in the database so every instance reads the same.</summary>
public class PlatformSetting
{
    public const int KeyMaxLength = 100;
    public const int ValueMaxLength = 1000;

    public required string Key { get; init; }
    public required string Value { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedByUserId { get; set; }
}
