namespace RegionCodec.Container;

/// <summary>
/// One STRP or ALPH chunk of a file (spec/rsg.md §4.4, §4.7): its data is the 4-byte strip index, then the
/// strip's entropy-coded colour payload (§9.2) or alpha payload (§9.4). The one place that knows where a
/// strip's payloads start and end.
/// </summary>
/// <param name="Index">The strip's index (its position in the file, checked by the parser).</param>
/// <param name="Offset">File offset of the chunk's length field.</param>
/// <param name="DataLength">The chunk's declared data length (index and payload).</param>
internal readonly record struct StripChunk(int Index, long Offset, int DataLength)
{
    /// <summary>Bytes of the strip index that open the chunk's data.</summary>
    public const int IndexLength = 4;

    /// <summary>File offset of the first payload byte.</summary>
    public long PayloadOffset => Offset + ChunkFraming.HeadLength + IndexLength;

    public int PayloadLength => DataLength - IndexLength;

    /// <summary>The payload inside the whole file.</summary>
    public ReadOnlySpan<byte> PayloadIn(ReadOnlySpan<byte> file) => file.Slice(checked((int)PayloadOffset), PayloadLength);

    /// <summary>The payload inside the chunk's own data.</summary>
    public static ReadOnlySpan<byte> PayloadOf(ReadOnlySpan<byte> data) => data[IndexLength..];
}
