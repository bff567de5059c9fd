using System.Runtime.CompilerServices;

namespace RegionCodec.Entropy;

/// <summary>
/// A <see cref="RangeDecoder"/> that also adds each decoded decision's information content
/// (<see cref="InformationContent"/>) to the tally <see cref="Bucket"/> selects. The modelling code runs
/// unchanged against it, so what is measured is exactly what the decoder decodes; the plain decoder,
/// used for pixels, carries none of this.
/// </summary>
internal ref struct MeasuringDecoder : IBinaryCoder
{
    private RangeDecoder _decoder;
    private readonly Span<long> _tallies;

    /// <param name="payload">The strip's range-coded payload.</param>
    /// <param name="tallies">Information content in 2^-16 bit units, one entry per bucket; added to, not cleared.</param>
    public MeasuringDecoder(ReadOnlySpan<byte> payload, Span<long> tallies)
    {
        _decoder = new RangeDecoder(payload);
        _tallies = tallies;
        Bucket = 0;
    }

    /// <summary>The tally the next decisions are charged to.</summary>
    public int Bucket { get; set; }

    public readonly bool IsDecoder => true;

    public readonly int Position => _decoder.Position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Code(ref BitModel model, int bit)
    {
        int probabilityOfOne = model.ProbabilityOfOne;
        int result = _decoder.Code(ref model, bit);
        _tallies[Bucket] += InformationContent.Of(result != 0 ? probabilityOfOne : 65536 - probabilityOfOne);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeSymbol(Span<ushort> model, int symbols, int symbol)
    {
        // A symbol of frequency f out of 2^15 costs log2(2^15 / f) bits: f × 2 on the table's 2^16 scale.
        int result = _decoder.DecodeSymbol(model, symbols, out int frequency);
        _tallies[Bucket] += InformationContent.Of(frequency << (16 - SymbolModel.TotalBits));
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeBypass(int bits, int value)
    {
        _tallies[Bucket] += (long)bits * InformationContent.UnitsPerBit;
        return _decoder.CodeBypass(bits, value);
    }
}
