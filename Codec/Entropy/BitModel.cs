using System.Runtime.CompilerServices;

namespace RegionCodec.Entropy;

/// <summary>
/// One adaptive binary context: the probability that the next bit is 1 (in 1/65536 units) and how
/// many bits it has seen. Early on it adapts like a count (rate 1/(n+2)), later at the fixed rate
/// 1/64, so sparse contexts learn fast and busy ones settle
/// (spec/rsg.md §5.3).
/// </summary>
internal struct BitModel
{
    public const int CountLimit = 62;
    public const int MinProbability = 32;
    public const int MaxProbability = 65536 - 32;
    public const int InitialProbability = 32768;

    public ushort ProbabilityOfOne;
    public ushort Count;

    /// <summary>
    /// Rate[n] = floor(65536 / (n + 2)) for n = 0..62 (padded to 64 entries so that indexing with
    /// n &amp; 63 needs no bounds check).
    /// </summary>
    /// <remarks>
    /// A static readonly array rather than a <c>ReadOnlySpan&lt;ushort&gt;</c> property over constant data:
    /// for element types wider than a byte that property compiles to <c>RuntimeHelpers.CreateSpan</c>, which
    /// the optimizing JIT folds to a constant but unoptimized (Debug) code calls on every use, allocating a
    /// field-handle stub each time: once per coded bit, hundreds of MB per image, which broke the fuzz
    /// allocation bound in Debug. The optimizing JIT knows this array's length, so the masked index still
    /// needs no bounds check.
    /// </remarks>
    private static readonly ushort[] Rates =
    [
        32768, 21845, 16384, 13107, 10922, 9362, 8192, 7281, 6553, 5957, 5461, 5041, 4681, 4369, 4096, 3855,
        3640, 3449, 3276, 3120, 2978, 2849, 2730, 2621, 2520, 2427, 2340, 2259, 2184, 2114, 2048, 1985,
        1927, 1872, 1820, 1771, 1724, 1680, 1638, 1598, 1560, 1524, 1489, 1456, 1424, 1394, 1365, 1337,
        1310, 1285, 1260, 1236, 1213, 1191, 1170, 1149, 1129, 1110, 1092, 1074, 1057, 1040, 1024, 1024,
    ];

    /// <summary>RATE[n] (spec/rsg.md §5.3), shared with <see cref="SymbolModel"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RateOf(int count) => Rates[count & 63];

    public static BitModel Initial => new() { ProbabilityOfOne = InitialProbability };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int bit)
    {
        int p = ProbabilityOfOne;
        int target = bit << 16;
        p += ((target - p) * Rates[Count & 63]) >> 16;
        ProbabilityOfOne = (ushort)Math.Min(Math.Max(p, MinProbability), MaxProbability);
        Count += (ushort)(Count < CountLimit ? 1 : 0);
    }

    /// <summary>Resets every context of <paramref name="models"/> to the initial state.</summary>
    public static void Reset(Span<BitModel> models) => models.Fill(Initial);
}
