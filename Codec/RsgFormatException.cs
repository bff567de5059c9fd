namespace RegionCodec;

/// <summary>
/// The one exception the codec throws for malformed, truncated or hostile input.
/// <see cref="Offset"/> is the byte offset in the file where the problem was found and
/// <see cref="Error"/> the spec rule that was broken.
/// </summary>
public sealed class RsgFormatException : Exception
{
    /// <summary>A rejection under spec rule <paramref name="error"/> at byte <paramref name="offset"/>, with a short <paramref name="reason"/>.</summary>
    public RsgFormatException(RsgError error, long offset, string reason)
        : base($"Invalid .rsg data at byte {offset}: {reason} (spec rule R{(int)error}, {error})")
    {
        Error = error;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The rule that was broken.</summary>
    public RsgError Error { get; }

    /// <summary>Byte offset from the start of the file.</summary>
    public long Offset { get; }

    /// <summary>Human-readable reason, without the offset.</summary>
    public string Reason { get; }
}
