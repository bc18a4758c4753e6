using System.Text.Json;
using System.Text.RegularExpressions;

namespace Storefront.Platform832.Simulator;

/// <summary>Reads and checks the fields of 4.1, collecting a reason for every field that breaks its rule.</summary>
public static partial class Validation
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex ExternalIdPattern();

    public static ProductFields? ReadProduct(JsonElement body, PlatformState state, List<FieldReason> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("body", "INVALID_JSON"));
            return null;
        }
        var revision = Int(body, "revision", errors, min: 1);
        var title = Text(body, "title", errors, 1, 60);
        var category = Text(body, "categoryCode", errors, 1, 8);
        if (category is not null && state.Categories.All(c => c.Code != category)) errors.Add(new("categoryCode", "UNKNOWN_CATEGORY"));
        var county = Text(body, "originCountyCode", errors, 1, 6);
        if (county is not null && !state.Counties.ContainsKey(county)) errors.Add(new("originCountyCode", "NOT_DESIGNATED_COUNTY"));
        var certification = Text(body, "certificationNo", errors, 0, 40, optional: true);
        var unit = Text(body, "unit", errors, 1, 20);
        var spec = Text(body, "spec", errors, 1, 40);
        var price = Long(body, "priceFen", errors, min: 1);
        var stock = Int(body, "stock", errors, min: 0);
        var moq = Int(body, "minOrderQty", errors, min: 1);
        var description = Text(body, "description", errors, 0, 5000, optional: true) ?? "";
        var images = new List<string>();
        if (!body.TryGetProperty("imageUrls", out var urls) || urls.ValueKind != JsonValueKind.Array) errors.Add(new("imageUrls", "REQUIRED"));
        else
        {
            var i = 0;
            foreach (var url in urls.EnumerateArray())
            {
                var text = url.ValueKind == JsonValueKind.String ? url.GetString()! : null;
                if (text is null || text.Length > 500 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                    errors.Add(new($"imageUrls[{i}]", "INVALID_URL"));
                else images.Add(text);
                i++;
            }
            if (i == 0) errors.Add(new("imageUrls", "REQUIRED"));
            else if (i > 10) errors.Add(new("imageUrls", "TOO_MANY"));
        }
        if (errors.Count > 0) return null;
        return new ProductFields(revision!.Value, title!, category!, county!, string.IsNullOrEmpty(certification) ? null : certification,
            unit!, spec!, price!.Value, stock!.Value, moq!.Value, images, description);
    }

    private static string? Text(JsonElement body, string name, List<FieldReason> errors, int min, int max, bool optional = false)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (!optional) errors.Add(new(name, "REQUIRED"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String) { errors.Add(new(name, "INVALID_TYPE")); return null; }
        var text = value.GetString()!;
        var length = text.EnumerateRunes().Count();
        if (length < min || (min > 0 && string.IsNullOrWhiteSpace(text))) { errors.Add(new(name, "REQUIRED")); return null; }
        if (length > max) { errors.Add(new(name, "TOO_LONG")); return null; }
        return text;
    }

    private static long? Long(JsonElement body, string name, List<FieldReason> errors, long min)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) { errors.Add(new(name, "REQUIRED")); return null; }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number)) { errors.Add(new(name, "INVALID_TYPE")); return null; }
        if (number < min) { errors.Add(new(name, "OUT_OF_RANGE")); return null; }
        return number;
    }

    private static int? Int(JsonElement body, string name, List<FieldReason> errors, int min)
    {
        var number = Long(body, name, errors, min);
        if (number is > int.MaxValue) { errors.Add(new(name, "OUT_OF_RANGE")); return null; }
        return (int?)number;
    }
}
