namespace Storefront.Platform832.Client;

/// <summary>Every outcome API.md names (section 2), plus the two a client meets on its own: no answer, and an answer it cannot read.</summary>
public enum Platform832Outcome
{
    Success = 0,
    ValidationFailed = 40001,
    BadSignature = 40101,
    TimestampRejected = 40102,
    NonceReplayed = 40103,
    NotFound = 40401,
    StaleRevision = 40901,
    RateLimited = 42901,
    PlatformFault = 50001,
    PlatformUnavailable = 50301,
    /// <summary>A dropped connection or a time-out: the request may or may not have been applied.</summary>
    NoResponse = -1,
    /// <summary>An answer that is not the envelope (a proxy's error page, an unknown code).</summary>
    UnexpectedResponse = -2,
}

/// <summary>A call's typed result: the data on success, otherwise the outcome with what the platform said about it.</summary>
public sealed record Platform832Result<T>
{
    public Platform832Outcome Outcome { get; init; }
    public T? Data { get; init; }
    public string? Message { get; init; }
    public string? RequestId { get; init; }
    public int HttpStatus { get; init; }
    /// <summary>The field reasons of a 40001.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];
    /// <summary>The platform's revision named by a 40901.</summary>
    public int? CurrentRevision { get; init; }
    /// <summary>The Retry-After of a 429 that ended the call.</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>How many requests the call took, retries included.</summary>
    public int Attempts { get; init; }

    public bool IsSuccess => Outcome == Platform832Outcome.Success;

    /// <summary>Outcomes that may pass by themselves: the caller may try again later.</summary>
    public bool IsTransient => Outcome is Platform832Outcome.RateLimited or Platform832Outcome.PlatformFault
        or Platform832Outcome.PlatformUnavailable or Platform832Outcome.NoResponse or Platform832Outcome.UnexpectedResponse
        or Platform832Outcome.TimestampRejected or Platform832Outcome.NonceReplayed;

    public T Value => IsSuccess && Data is not null ? Data : throw new InvalidOperationException($"The call did not succeed: {Describe()}");

    /// <summary>A line for logs and the admins' monitor.</summary>
    public string Describe()
    {
        var text = $"{(int)Outcome} {Outcome}";
        if (!string.IsNullOrEmpty(Message)) text += $": {Message}";
        if (FieldErrors.Count > 0) text += " (" + string.Join("; ", FieldErrors.Select(f => $"{f.Field}: {f.Reason}")) + ")";
        if (CurrentRevision is { } current) text += $" (platform revision {current})";
        if (HttpStatus > 0) text += $" [HTTP {HttpStatus}]";
        if (RequestId is not null) text += $" [request {RequestId}]";
        return text;
    }

    public Platform832Result<TOther> As<TOther>(TOther? data = default) => new()
    {
        Outcome = Outcome, Data = data, Message = Message, RequestId = RequestId, HttpStatus = HttpStatus,
        FieldErrors = FieldErrors, CurrentRevision = CurrentRevision, RetryAfter = RetryAfter, Attempts = Attempts,
    };
}
