using System.Runtime.CompilerServices;

namespace RegionCodec.Entropy;

/// <summary>
/// One adaptive binary context: the probability that the next bit is 1 (in 1/65536 units) and how
/// many bits it has seen. Early on it adapts like a count (rate 1/(n+2)), later at the fixed rate
/// 1/(<see cref="CountLimit"/>+2), so sparse contexts learn fast and busy ones settle
/// (spec/rsg.md §5.3).
/// </summary>
internal struct BitModel
{
    public const int CountLimit = 30;
    public const int MinProbability = 32;
    public const int MaxProbability = 65536 - 32;
    public const int InitialProbability = 32768;

    public ushort ProbabilityOfOne;
    public ushort Count;

    /// <summary>Rate[n] = floor(65536 / (n + 2)).</summary>
    private static ReadOnlySpan<ushort> Rates =>
    [
        32768, 21845, 16384, 13107, 10922, 9362, 8192, 7281, 6553, 5957, 5461, 5041, 4681, 4369, 4096, 3855,
        3640, 3449, 3276, 3120, 2978, 2849, 2730, 2621, 2520, 2427, 2340, 2259, 2184, 2114, 2048,
    ];

    public static BitModel Initial => new() { ProbabilityOfOne = InitialProbability };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int bit)
    {
        int p = ProbabilityOfOne;
        int target = bit << 16;
        p += ((target - p) * Rates[Count]) >> 16;
        ProbabilityOfOne = (ushort)Math.Clamp(p, MinProbability, MaxProbability);
        if (Count < CountLimit)
        {
            Count++;
        }
    }

    /// <summary>Resets every context of <paramref name="models"/> to the initial state.</summary>
    public static void Reset(Span<BitModel> models) => models.Fill(Initial);
}
