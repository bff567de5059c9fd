using System.Buffers.Binary;

namespace RegionCodec.Container;

/// <summary>Four ASCII letters, stored big-endian; upper-case first letter = critical.</summary>
internal static class ChunkType
{
    public const uint Header = ('R' << 24) | ('H' << 16) | ('D' << 8) | 'R';
    public const uint RegionTable = ('R' << 24) | ('T' << 16) | ('A' << 8) | 'B';
    public const uint Strip = ('S' << 24) | ('T' << 16) | ('R' << 8) | 'P';
    public const uint End = ('R' << 24) | ('E' << 16) | ('N' << 8) | 'D';
    /// <summary>One strip's alpha plane (spec/rsg.md §4.7), right after its STRP when RHDR flag bit 0 is set.</summary>
    public const uint Alpha = ('A' << 24) | ('L' << 16) | ('P' << 8) | 'H';
    /// <summary>One strip's lossless samples (spec/rsg.md §4.12), right after its STRP when a region is lossless.</summary>
    public const uint Lossless = ('L' << 24) | ('O' << 16) | ('S' << 8) | 'S';
    /// <summary>Ancillary UTF-8 text (key, NUL, value); informative, decoders may skip it.</summary>
    public const uint Text = ('t' << 24) | ('E' << 16) | ('X' << 8) | 't';
    /// <summary>Ancillary: the ICC profile, verbatim (§4.8).</summary>
    public const uint IccProfile = ('i' << 24) | ('C' << 16) | ('C' << 8) | 'P';
    /// <summary>Ancillary: EXIF as a TIFF stream (§4.9).</summary>
    public const uint Exif = ('e' << 24) | ('X' << 16) | ('I' << 8) | 'f';
    /// <summary>Ancillary: the XMP packet, UTF-8 (§4.10).</summary>
    public const uint Xmp = ('x' << 24) | ('M' << 16) | ('P' << 8) | 'p';
    /// <summary>Ancillary: one name per region label (§4.11).</summary>
    public const uint RegionNames = ('r' << 24) | ('N' << 16) | ('A' << 8) | 'M';

    public static bool IsValid(uint type)
    {
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            uint c = (type >> shift) & 0xFF;
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsCritical(uint type) => ((type >> 24) & 0x20) == 0;

    public static string ToText(uint type)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, type);
        Span<char> c = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            c[i] = b[i] is >= 0x20 and < 0x7F ? (char)b[i] : '?';
        }

        return new string(c);
    }
}
