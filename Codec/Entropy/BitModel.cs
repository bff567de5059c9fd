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

    /// <summary>Rate[n] = floor(65536 / (n + 2)).</summary>
    private static readonly ushort[] Rates = BuildRates();

    private static ushort[] BuildRates()
    {
        var rates = new ushort[CountLimit + 1];
        for (int n = 0; n <= CountLimit; n++)
        {
            rates[n] = (ushort)(65536 / (n + 2));
        }

        return rates;
    }

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
