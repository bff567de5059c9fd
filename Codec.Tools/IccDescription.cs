using System.Buffers.Binary;


namespace RegionCodec.Tools;

/// <summary>
/// The human-readable name of an ICC profile: its 'desc' tag, as ICC v2 'desc' (ASCII) or v4 'mluc'
/// (first record, UTF-16BE). Every offset is bounds-checked: a damaged profile gives null, never an exception.
/// </summary>
internal static class IccDescription
{
    private const int HeaderBytes = 128;

    public static string? Read(ReadOnlySpan<byte> profile)
    {
        if (profile.Length < HeaderBytes + 4)
        {
            return null;
        }

        uint count = BinaryPrimitives.ReadUInt32BigEndian(profile[HeaderBytes..]);
        for (long i = 0; i < count; i++)
        {
            long entry = HeaderBytes + 4 + (12 * i);
            if (entry + 12 > profile.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> e = profile.Slice((int)entry, 12);
            if (!e[..4].SequenceEqual("desc"u8))
            {
                continue;
            }

            uint offset = BinaryPrimitives.ReadUInt32BigEndian(e[4..]), size = BinaryPrimitives.ReadUInt32BigEndian(e[8..]);
            return offset + (long)size <= profile.Length && size >= 12 ? Text(profile.Slice((int)offset, (int)size)) : null;
        }

        return null;
    }

    private static string? Text(ReadOnlySpan<byte> tag)
    {
        if (tag[..4].SequenceEqual("desc"u8))
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(tag[8..]);
            return length is > 0 and < 4096 && 12 + length <= tag.Length ? Clean(System.Text.Encoding.ASCII.GetString(tag.Slice(12, (int)length))) : null;
        }

        if (tag[..4].SequenceEqual("mluc"u8) && tag.Length >= 28)
        {
            uint records = BinaryPrimitives.ReadUInt32BigEndian(tag[8..]);
            uint length = BinaryPrimitives.ReadUInt32BigEndian(tag[20..]), offset = BinaryPrimitives.ReadUInt32BigEndian(tag[24..]);
            return records > 0 && length < 8192 && offset + (long)length <= tag.Length
                ? Clean(System.Text.Encoding.BigEndianUnicode.GetString(tag.Slice((int)offset, (int)length)))
                : null;
        }

        return null;
    }

    private static string? Clean(string text)
    {
        string trimmed = text.TrimEnd('\0').Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
