using System.Buffers.Binary;
using System.Text;

namespace RegionCodec;

/// <summary>
/// The colour profile, EXIF and XMP an .rsg file carries (spec/rsg.md §4.8–§4.10), each verbatim or null
/// when absent. A decoder reports an item as absent when its chunk is missing, misplaced, a duplicate
/// or malformed (§3.3); the encoder writes every non-null item and refuses one a decoder would ignore.
/// </summary>
public sealed class RsgImageMetadata
{
    /// <summary>No ICC profile, EXIF or XMP.</summary>
    public static RsgImageMetadata None { get; } = new();

    /// <summary>The ICC profile bytes (chunk <c>iCCP</c>), or null.</summary>
    public byte[]? IccProfile { get; init; }

    /// <summary>EXIF as a TIFF stream starting <c>II*\0</c> or <c>MM\0*</c>, without JPEG's <c>Exif\0\0</c> prefix (chunk <c>eXIf</c>), or null.</summary>
    public byte[]? Exif { get; init; }

    /// <summary>The XMP packet as UTF-8 bytes (chunk <c>xMPp</c>), or null.</summary>
    public byte[]? Xmp { get; init; }

    /// <summary>True when no item is present.</summary>
    public bool IsEmpty => IccProfile is null && Exif is null && Xmp is null;

    /// <summary>
    /// Whether <paramref name="profile"/> is a profile a decoder keeps (§4.8): at least 128 bytes, its
    /// header's size field (u32 BE at 0) equal to its length, and <c>acsp</c> at offset 36.
    /// </summary>
    public static bool IsValidIccProfile(ReadOnlySpan<byte> profile) =>
        profile.Length is >= 128 and <= RsgConstants.MaxAncillaryChunkLength
        && BinaryPrimitives.ReadUInt32BigEndian(profile) == (uint)profile.Length
        && profile.Slice(36, 4).SequenceEqual("acsp"u8);

    /// <summary>Whether <paramref name="exif"/> is an EXIF block a decoder keeps (§4.9): at least 8 bytes starting with a TIFF header.</summary>
    public static bool IsValidExif(ReadOnlySpan<byte> exif) =>
        exif.Length is >= 8 and <= RsgConstants.MaxAncillaryChunkLength
        && (exif[..4].SequenceEqual("II*\0"u8) || exif[..4].SequenceEqual("MM\0*"u8));

    /// <summary>Whether <paramref name="xmp"/> is an XMP packet a decoder keeps (§4.10): non-empty, well-formed UTF-8.</summary>
    public static bool IsValidXmp(ReadOnlySpan<byte> xmp) =>
        xmp.Length is >= 1 and <= RsgConstants.MaxAncillaryChunkLength && System.Text.Unicode.Utf8.IsValid(xmp);

    /// <summary>
    /// The EXIF orientation (tag 0x0112 in IFD0: 1..8), or null when <paramref name="exif"/> is not a TIFF
    /// stream or has no valid orientation. Bounds-checked: a damaged block gives null, never an exception.
    /// </summary>
    public static int? ExifOrientation(ReadOnlySpan<byte> exif)
    {
        if (!IsValidExif(exif))
        {
            return null;
        }

        bool little = exif[0] == (byte)'I';
        uint ifd = ReadU32(exif[4..], little);
        if (ifd > (uint)exif.Length - 2)
        {
            return null;
        }

        int count = ReadU16(exif[(int)ifd..], little);
        for (int i = 0; i < count; i++)
        {
            long entry = ifd + 2 + (12L * i);
            if (entry + 12 > exif.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> e = exif.Slice((int)entry, 12);
            // Orientation is a SHORT (type 3) with count 1, stored in the first two bytes of the value field.
            if (ReadU16(e, little) == 0x0112 && ReadU16(e[2..], little) == 3)
            {
                int value = ReadU16(e[8..], little);
                return value is >= 1 and <= 8 ? value : null;
            }
        }

        return null;
    }

    private static ushort ReadU16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint ReadU32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
