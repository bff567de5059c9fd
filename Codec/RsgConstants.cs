namespace RegionCodec;

/// <summary>Format constants fixed by spec/rsg.md.</summary>
public static class RsgConstants
{
    /// <summary>
    /// The 8-byte signature: 0x89 'R' 'S' 'G' CR LF 0x1A LF. Like PNG's, the high byte catches 7-bit
    /// channels, CR LF and LF catch newline conversion, 0x1A stops DOS `type`.
    /// </summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x52, 0x53, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The bitstream version this library writes and reads.</summary>
    public const byte Version = 2;

    /// <summary>Largest width or height the format allows.</summary>
    public const int MaxDimension = (1 << 24) - 1;

    /// <summary>Most regions a region table may hold (labels 0..254).</summary>
    public const int MaxRegions = 255;

    /// <summary>Largest ancillary chunk a decoder accepts, so buffering one stays bounded.</summary>
    public const int MaxAncillaryChunkLength = 1 << 24;

    /// <summary>Data length of the RHDR chunk (spec/rsg.md §4.2).</summary>
    public const int HeaderChunkLength = 17;

    /// <summary>The media type of .rsg files.</summary>
    public const string MimeType = "image/x-rsg";

    /// <summary>The file extension, without the dot.</summary>
    public const string FileExtension = "rsg";
}
