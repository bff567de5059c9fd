using System.Text;

namespace RegionCodec.Container;

/// <summary>
/// The rNAM chunk (spec/rsg.md §4.11): for each label 0..region_count−1, a u8 byte length and that many
/// UTF-8 bytes (no NUL); length 0 = unnamed.
/// </summary>
internal static class RegionNames
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="name"/> fits an rNAM entry: at most 255 UTF-8 bytes, no NUL, no unpaired surrogate.</summary>
    public static bool IsStorable(string name)
    {
        if (name.Contains('\0'))
        {
            return false;
        }

        try
        {
            return Strict.GetByteCount(name) <= RsgRegion.MaxNameBytes;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>True when at least one region has a name, so the encoder writes rNAM.</summary>
    public static bool AnyNamed(ReadOnlySpan<RsgRegion> regions)
    {
        foreach (RsgRegion region in regions)
        {
            if (!string.IsNullOrEmpty(region.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chunk data for <paramref name="regions"/> (names already validated by <see cref="RsgRegion.Validate"/>).</summary>
    public static byte[] Write(ReadOnlySpan<RsgRegion> regions)
    {
        var data = new List<byte>(regions.Length * 8);
        foreach (RsgRegion region in regions)
        {
            byte[] name = string.IsNullOrEmpty(region.Name) ? [] : Strict.GetBytes(region.Name);
            data.Add((byte)name.Length);
            data.AddRange(name);
        }

        return [.. data];
    }

    /// <summary>
    /// The names in <paramref name="data"/> (null for an unnamed label), or null when the chunk is malformed:
    /// its entries do not fill exactly <paramref name="regionCount"/> entries and its length, or a name is
    /// not valid UTF-8 or contains NUL.
    /// </summary>
    public static string?[]? Parse(ReadOnlySpan<byte> data, int regionCount)
    {
        // Walk the lengths first, so a malformed chunk allocates nothing.
        int at = 0;
        for (int i = 0; i < regionCount; i++)
        {
            if (at >= data.Length || at + 1 + data[at] > data.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> name = data.Slice(at + 1, data[at]);
            if (name.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(name))
            {
                return null;
            }

            at += 1 + data[at];
        }

        if (at != data.Length)
        {
            return null;
        }

        var names = new string?[regionCount];
        at = 0;
        for (int i = 0; i < regionCount; i++)
        {
            int length = data[at];
            names[i] = length == 0 ? null : System.Text.Encoding.UTF8.GetString(data.Slice(at + 1, length));
            at += 1 + length;
        }

        return names;
    }
}
