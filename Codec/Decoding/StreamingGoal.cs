namespace RegionCodec.Decoding;

/// <summary>How far a <see cref="StreamingDecoder"/> takes a file.</summary>
internal enum StreamingGoal
{
    /// <summary>Stop at the first strip's head, once the header, region table, names and metadata are read (identify).</summary>
    Info,

    /// <summary>Validate every chunk and record where each strip is, decoding nothing (the whole-buffer index).</summary>
    Index,

    /// <summary>Decode each strip to the sink as soon as its chunk is complete.</summary>
    Pixels,
}
