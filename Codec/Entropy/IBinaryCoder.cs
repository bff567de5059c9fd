namespace RegionCodec.Entropy;

/// <summary>
/// One binary decision through an adaptive context. The encoder codes <c>bit</c> and returns it; the
/// decoder ignores it and returns the decoded bit. Modelling code is written once against this
/// interface, so encoder and decoder cannot drift apart.
/// </summary>
internal interface IBinaryCoder
{
    /// <summary>True when decoding: the <c>bit</c> arguments are placeholders.</summary>
    bool IsDecoder { get; }

    /// <summary>Bytes consumed (decoder) or written (encoder) so far; used for error offsets.</summary>
    int Position { get; }

    int Code(ref BitModel model, int bit);
}
