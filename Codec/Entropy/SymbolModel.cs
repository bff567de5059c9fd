using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Entropy;

/// <summary>
/// Adaptive distributions over up to 15 symbols (spec/rsg.md §5.3): each model is <see cref="Stride"/>
/// ushorts, the cumulative frequencies c[0] = 0, c[1] … c[N−1] of a 15-bit total (c[i] = frequency of the
/// symbols below i; entries N … 14 hold the total) and an adaptation count in the last entry. Every symbol
/// keeps a frequency of at least <see cref="MinFrequency"/>, so no symbol ever gets an empty interval.
/// </summary>
internal static class SymbolModel
{
    /// <summary>Ushorts per model: 15 cumulative frequencies (the first always 0) and the count.</summary>
    public const int Stride = 16;

    /// <summary>Most symbols a model can have.</summary>
    public const int MaxSymbols = 15;

    /// <summary>log2 of the frequency total.</summary>
    public const int TotalBits = 15;

    /// <summary>The frequency total, 2^15.</summary>
    public const int Total = 1 << TotalBits;

    /// <summary>The smallest frequency any symbol can have: probability 4/32768.</summary>
    public const int MinFrequency = 4;

    /// <summary>The count stops here: from then on the rate stays at SRATE[CountLimit] = 1/128.</summary>
    public const int CountLimit = 126;

    private static readonly bool UseVectorSearch = Environment.GetEnvironmentVariable("MS17_SCALAR") is null;

    /// <summary>Index of the adaptation count in a model.</summary>
    internal const int CountIndex = Stride - 1;

    /// <summary>Sets every model of <paramref name="models"/> (a whole number of strides) to the uniform distribution over <paramref name="symbols"/>.</summary>
    public static void Reset(Span<ushort> models, int symbols)
    {
        Span<ushort> initial = stackalloc ushort[Stride];
        for (int i = 0; i < CountIndex; i++)
        {
            initial[i] = (ushort)(i < symbols ? i * Total / symbols : Total);
        }

        initial[CountIndex] = 0;
        for (int offset = 0; offset < models.Length; offset += Stride)
        {
            initial.CopyTo(models.Slice(offset, Stride));
        }
    }

    /// <summary>Sets every model of <paramref name="models"/> to the distribution with the given frequencies (summing to <see cref="Total"/>).</summary>
    public static void Reset(Span<ushort> models, ReadOnlySpan<ushort> frequencies)
    {
        Span<ushort> initial = stackalloc ushort[Stride];
        int cumulative = 0;
        for (int i = 0; i < CountIndex; i++)
        {
            initial[i] = (ushort)(i < frequencies.Length ? cumulative : Total);
            cumulative += i < frequencies.Length ? frequencies[i] : 0;
        }

        initial[CountIndex] = 0;
        for (int offset = 0; offset < models.Length; offset += Stride)
        {
            initial.CopyTo(models.Slice(offset, Stride));
        }
    }

    /// <summary>The frequency of <paramref name="symbol"/> in a model of <paramref name="symbols"/> symbols (for information content).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Frequency(ReadOnlySpan<ushort> model, int symbols, int symbol)
    {
        return (symbol == symbols - 1 ? Total : model[symbol + 1]) - model[symbol];
    }

    /// <summary>
    /// The decoded symbol: how many of the bounds scale × c[i] (i = 1 … N−1) are ≤ <paramref name="code"/>.
    /// Picks the vector path when the hardware has it; <see cref="FindScalar"/> gives the same answer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Find(ReadOnlySpan<ushort> model, int symbols, uint scale, uint code)
    {
        if (UseVectorSearch && Vector256.IsHardwareAccelerated)
        {
            return FindVector256(model, symbols, scale, code);
        }

        return FindScalar(model, symbols, scale, code);
    }

    /// <summary>The scalar reference of <see cref="Find"/>.</summary>
    internal static int FindScalar(ReadOnlySpan<ushort> model, int symbols, uint scale, uint code)
    {
        int symbol = 0;
        for (int i = 1; i < symbols; i++)
        {
            symbol += scale * model[i] <= code ? 1 : 0;
        }

        return symbol;
    }

    /// <summary>
    /// Compares all bounds at once: scale &lt; 2^17 and c ≤ 2^15, so every product fits in 32 bits.
    /// Lanes past N−1 hold the total; when the code lies in the top symbol's slack (at or above scale × 2^15) they count
    /// too, so the result is capped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FindVector256(ReadOnlySpan<ushort> model, int symbols, uint scale, uint code)
    {
        Vector256<uint> scaleVector = Vector256.Create(scale), codeVector = Vector256.Create(code);
        Vector256<uint> first = Vector256.WidenLower(Vector128.Create(model.Slice(1, 8)).ToVector256Unsafe());
        int count = BitOperations.PopCount(Vector256.LessThanOrEqual(first * scaleVector, codeVector).ExtractMostSignificantBits());
        if (symbols > 9)
        {
            // c[9] … c[14]: lanes 1 … 6 of the load from c[8]; lane 7 is the count.
            Vector256<uint> second = Vector256.WidenLower(Vector128.Create(model.Slice(8, 8)).ToVector256Unsafe());
            count += BitOperations.PopCount(Vector256.LessThanOrEqual(second * scaleVector, codeVector).ExtractMostSignificantBits() & 0x7E);
        }

        return Math.Min(count, symbols - 1);
    }

    /// <summary>
    /// Moves the distribution toward <paramref name="symbol"/>: each bound c[i] moves by (target − c[i]) × RATE[n] >> 16,
    /// where the target has every symbol at <see cref="MinFrequency"/> except the coded one. The floor keeps
    /// every frequency ≥ <see cref="MinFrequency"/> (a convex step between two such distributions, rounded).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(Span<ushort> model, int symbols, int symbol)
    {
        int count = model[CountIndex];
        int rate = RateOf(count);
        if (symbols <= 9 && Vector128.IsHardwareAccelerated)
        {
            UpdateVector128(model, symbols, symbol, rate);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            UpdateVector256(model, symbols, symbol, rate);
        }
        else
        {
            UpdateScalar(model, symbols, symbol, rate);
        }

        model[CountIndex] = NextCount(count);
    }

    /// <summary>The adaptation rate after <paramref name="count"/> symbols: SRATE[n], at most 32767 (so it fits a signed 16-bit lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int RateOf(int count) => Rates[count & 127];

    /// <summary>
    /// SRATE[n] = min(floor(65536 / (n + 2)), 32767) for n = 0 … 126 (padded to 128 entries, so the masked index needs
    /// no bounds check). A static readonly array for the reason given at <see cref="BitModel"/>'s rate table.
    /// </summary>
    private static readonly ushort[] Rates = BuildRates();

    private static ushort[] BuildRates()
    {
        var rates = new ushort[128];
        for (int n = 0; n < rates.Length; n++)
        {
            rates[n] = (ushort)Math.Min(65536 / (Math.Min(n, CountLimit) + 2), short.MaxValue);
        }

        return rates;
    }

    /// <summary>The count after one more symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort NextCount(int count) => (ushort)(count + (count < CountLimit ? 1 : 0));

    /// <summary>The scalar reference of the bound update (the count is not touched).</summary>
    internal static void UpdateScalar(Span<ushort> model, int symbols, int symbol, int rate)
    {
        for (int i = 1; i < symbols; i++)
        {
            int target = i <= symbol ? i * MinFrequency : Total - ((symbols - i) * MinFrequency);
            int c = model[i];
            model[i] = (ushort)(c + (((target - c) * rate) >> 16));
        }
    }

    /// <summary>The vector bound update: the same integer steps in 32-bit lanes (the count is not touched).</summary>
    internal static void UpdateVector256(Span<ushort> model, int symbols, int symbol, int rate)
    {
        Vector256<ushort> all = Vector256.Create((ReadOnlySpan<ushort>)model[..Stride]);
        (Vector256<uint> lowerU, Vector256<uint> upperU) = Vector256.Widen(all);
        Vector256<int> lower = lowerU.AsInt32(), upper = upperU.AsInt32();
        Vector256<int> index = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Vector256<int> eight = Vector256.Create(8);
        Vector256<int> rateVector = Vector256.Create(rate);
        lower = Step(lower, index, symbols, symbol, rateVector);
        if (symbols > 8)
        {
            upper = Step(upper, index + eight, symbols, symbol, rateVector);
        }

        Vector256.Narrow(lower.AsUInt32(), upper.AsUInt32()).CopyTo(model);
    }

    /// <summary>
    /// Models of up to 9 symbols: the 8 bounds in 16-bit lanes. (target − c) and the rate both fit in 16 signed bits,
    /// so the high half of their product is exactly the floor of product / 65536.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void UpdateVector128(Span<ushort> model, int symbols, int symbol, int rate)
    {
        Vector128<short> bounds = Vector128.Create((ReadOnlySpan<ushort>)model.Slice(1, 8)).AsInt16();
        Adapt(bounds, symbols, symbol, rate).AsUInt16().CopyTo(model.Slice(1, 8));
    }

    /// <summary>The bounds c[1] … c[8] of a model of up to 9 symbols after coding <paramref name="symbol"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<short> Adapt(Vector128<short> bounds, int symbols, int symbol, int rate)
    {
        Vector128<short> index = Vector128.Create((short)1, 2, 3, 4, 5, 6, 7, 8);
        Vector128<short> below = index * Vector128.Create((short)MinFrequency);
        Vector128<short> above = Vector128.Create((short)(Total - (symbols * MinFrequency))) + below;
        Vector128<short> target = Vector128.ConditionalSelect(Vector128.LessThanOrEqual(index, Vector128.Create((short)symbol)), below, above);
        Vector128<short> step = MultiplyHigh(target - bounds, Vector128.Create((short)rate));
        Vector128<short> unused = Vector128.GreaterThanOrEqual(index, Vector128.Create((short)symbols));
        return Vector128.ConditionalSelect(unused, bounds, bounds + step);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> MultiplyHigh(Vector128<short> a, Vector128<short> b)
    {
        if (System.Runtime.Intrinsics.X86.Sse2.IsSupported)
        {
            return System.Runtime.Intrinsics.X86.Sse2.MultiplyHigh(a, b);
        }

        (Vector128<int> al, Vector128<int> ah) = Vector128.Widen(a);
        (Vector128<int> bl, Vector128<int> bh) = Vector128.Widen(b);
        return Vector128.Narrow(Vector128.ShiftRightArithmetic(al * bl, 16), Vector128.ShiftRightArithmetic(ah * bh, 16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Step(Vector256<int> bounds, Vector256<int> index, int symbols, int symbol, Vector256<int> rate)
    {
        Vector256<int> minimum = Vector256.Create(MinFrequency);
        Vector256<int> below = index * minimum;
        Vector256<int> above = Vector256.Create(Total - (symbols * MinFrequency)) + below;
        Vector256<int> target = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(index, Vector256.Create(symbol)), below, above);

        // c[0] and the lanes at or past N keep their value (the count lane is rewritten by the caller).
        Vector256<int> unused = Vector256.GreaterThanOrEqual(index, Vector256.Create(symbols)) | Vector256.Equals(index, Vector256<int>.Zero);
        Vector256<int> moved = bounds + Vector256.ShiftRightArithmetic((target - bounds) * rate, 16);
        return Vector256.ConditionalSelect(unused, bounds, moved);
    }
}
