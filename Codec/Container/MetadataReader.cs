namespace RegionCodec.Container;

/// <summary>
/// Collects the metadata chunks iCCP, eXIf, xMPp and rNAM as the container walk meets them
/// (spec/rsg.md §3.3): only the first chunk of each type inside its window counts (iCCP, eXIf, xMPp
/// after RHDR; rNAM after RTAB; all before the first STRP); a misplaced, duplicate or malformed one is
/// ignored and never fails the decode.
/// </summary>
internal sealed class MetadataReader
{
    private bool _iccSeen, _exifSeen, _xmpSeen, _namesSeen;
    private byte[]? _icc, _exif, _xmp;

    /// <summary>The names from the first well-formed rNAM in its window, or null.</summary>
    public string?[]? Names { get; private set; }

    /// <summary>Whether <paramref name="type"/> is one of the four metadata chunk types.</summary>
    public static bool IsMetadata(uint type) =>
        type is ChunkType.IccProfile or ChunkType.Exif or ChunkType.Xmp or ChunkType.RegionNames;

    /// <summary>
    /// Takes one CRC-checked metadata chunk. <paramref name="regionCount"/> is null before RTAB;
    /// <paramref name="stripsStarted"/> is true once a STRP chunk has been accepted.
    /// </summary>
    public void Accept(uint type, ReadOnlySpan<byte> data, int? regionCount, bool stripsStarted)
    {
        if (stripsStarted)
        {
            return;
        }

        switch (type)
        {
            case ChunkType.IccProfile when !_iccSeen:
                _iccSeen = true;
                _icc = RsgImageMetadata.IsValidIccProfile(data) ? data.ToArray() : null;
                break;
            case ChunkType.Exif when !_exifSeen:
                _exifSeen = true;
                _exif = RsgImageMetadata.IsValidExif(data) ? data.ToArray() : null;
                break;
            case ChunkType.Xmp when !_xmpSeen:
                _xmpSeen = true;
                _xmp = RsgImageMetadata.IsValidXmp(data) ? data.ToArray() : null;
                break;
            case ChunkType.RegionNames when !_namesSeen && regionCount is int count:
                _namesSeen = true;
                Names = RegionNames.Parse(data, count);
                break;
        }
    }

    /// <summary>What was kept, as the decoder reports it.</summary>
    public RsgImageMetadata Build() =>
        _icc is null && _exif is null && _xmp is null
            ? RsgImageMetadata.None
            : new RsgImageMetadata { IccProfile = _icc, Exif = _exif, Xmp = _xmp };
}
