using RegionCodec.Entropy;

namespace RegionCodec.Tests.Entropy;

/// <summary>
/// A decoder that returns a given list of decisions, for inputs the reference encoder never produces
/// (the spec's decoded-value checks). Helpers spell out §5.4's binarizations as decision lists.
/// </summary>
internal sealed class ScriptedDecoder(IEnumerable<int> bits) : IBinaryCoder
{
    private readonly int[] _bits = [.. bits];

    public int Consumed { get; private set; }

    public bool IsDecoder => true;

    public int Position => Consumed;

    public int Code(ref BitModel model, int bit)
    {
        Assert.True(Consumed < _bits.Length, "the coder asked for more decisions than scripted");
        int result = _bits[Consumed++];
        model.Update(result);
        return result;
    }

    /// <summary>§5.4 tree code: the bits of <paramref name="value"/>, most significant first.</summary>
    /// <summary>Scripted values stand for binary decisions only; the mask and alpha coders it drives use no symbols.</summary>
    public int CodeSymbol(Span<ushort> model, int symbols, int symbol) => throw new NotSupportedException("scripted decoding covers binary decisions");

    /// <inheritdoc cref="CodeSymbol"/>
    public int CodeBypass(int bits, int value) => throw new NotSupportedException("scripted decoding covers binary decisions");

    public static IEnumerable<int> Tree(int value, int bits) => Enumerable.Range(0, bits).Select(i => (value >> (bits - 1 - i)) & 1);

    /// <summary>§5.4 magnitude code: the unary length (no terminating 0 at maxBits), then the bits below the leading 1.</summary>
    public static IEnumerable<int> Magnitude(int value, int maxBits)
    {
        int e = 32 - int.LeadingZeroCount(value);
        var bits = Enumerable.Repeat(1, e - 1).ToList();
        if (e < maxBits)
        {
            bits.Add(0);
        }

        for (int i = e - 2; i >= 0; i--)
        {
            bits.Add((value >> i) & 1);
        }

        return bits;
    }

    /// <summary>§5.4 signed code: zero flag (1 = zero), sign (1 = negative), magnitude.</summary>
    public static IEnumerable<int> Signed(int value, int maxBits) =>
        value == 0 ? [1] : [0, value < 0 ? 1 : 0, .. Magnitude(Math.Abs(value), maxBits)];
}
