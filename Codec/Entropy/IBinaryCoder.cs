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

    /// <summary>
    /// One symbol of 0 … <paramref name="symbols"/> − 1 through the adaptive distribution <paramref name="model"/>
    /// (<see cref="SymbolModel.Stride"/> entries, spec/rsg.md §5.2).
    /// </summary>
    int CodeSymbol(Span<ushort> model, int symbols, int symbol);

    /// <summary>The low <paramref name="bits"/> bits (1 … 16) of <paramref name="value"/>, most significant first, each with probability ½ and no context.</summary>
    int CodeBypass(int bits, int value);
}
