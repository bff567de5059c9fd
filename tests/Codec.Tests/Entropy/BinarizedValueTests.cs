using RegionCodec.Entropy;
using RegionCodec.Memory;

namespace RegionCodec.Tests.Entropy;

/// <summary>The binarizations of spec/rsg.md §5.4 through the range coder, both directions.</summary>
public sealed class BinarizedValueTests
{
    /// <summary>
    /// Every magnitude 1 … 2^maxBits − 1 round trips in e − 1 + (e &lt; maxBits ? 1 : 0) length decisions and
    /// e − 1 mantissa decisions (e = bit length), and only M[1 .. maxBits − 1] and M[maxBits + 2 .. 2·maxBits − 1]
    /// are ever used, as §5.4 says.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void MagnitudesRoundTripWithTheSpecsDecisionsAndContexts(int maxBits)
    {
        var length = new BitModel[maxBits];
        var mantissa = new BitModel[2 * maxBits];
        var used = new HashSet<int>();
        using var output = new PooledBufferWriter(64);
        var encoder = TestCoder.Encoder(output, ("L", length), ("M", mantissa));
        BitModel.Reset(length);
        BitModel.Reset(mantissa);
        int max = (1 << maxBits) - 1;
        for (int v = 1; v <= max; v++)
        {
            int before = encoder.Decisions;
            int usedBefore = encoder.Used.Count;
            Assert.Equal(v, BinarizedValue.CodeMagnitude(ref encoder, length, mantissa, maxBits, v));
            int e = 32 - int.LeadingZeroCount(v);
            Assert.Equal((e - 1) + (e < maxBits ? 1 : 0) + (e - 1), encoder.Decisions - before);
            Assert.Equal(e - 1, encoder.Used.Skip(usedBefore).Count(u => u == "M"));
        }

        byte[] payload = encoder.Finish();

        var decodeLength = new BitModel[maxBits];
        var decodeMantissa = new BitModel[2 * maxBits];
        BitModel.Reset(decodeLength);
        BitModel.Reset(decodeMantissa);
        var decoder = new RangeDecoder(payload);
        for (int v = 1; v <= max; v++)
        {
            Assert.Equal(v, BinarizedValue.CodeMagnitude(ref decoder, decodeLength, decodeMantissa, maxBits, 0));
        }

        // Untouched contexts keep the initial state: the mantissa indices outside §5.4's two ranges.
        for (int i = 0; i < 2 * maxBits; i++)
        {
            bool specUses = (i >= 1 && i <= maxBits - 1) || (i >= maxBits + 2 && i <= (2 * maxBits) - 1);
            Assert.Equal(specUses, decodeMantissa[i].Count != 0);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public void SignedValuesRoundTrip(int maxBits)
    {
        int max = (1 << maxBits) - 1;
        var random = new Random(maxBits);
        int[] values = [0, 1, -1, max, -max, .. Enumerable.Range(0, 2000).Select(_ => random.Next(-max, max + 1))];
        BitModel zero = BitModel.Initial, sign = BitModel.Initial;
        var length = new BitModel[maxBits];
        var mantissa = new BitModel[2 * maxBits];
        BitModel.Reset(length);
        BitModel.Reset(mantissa);
        using var output = new PooledBufferWriter(64);
        var encoder = new RangeEncoder(output);
        foreach (int v in values)
        {
            Assert.Equal(v, BinarizedValue.CodeSigned(ref encoder, ref zero, ref sign, length, mantissa, maxBits, v));
        }

        encoder.Finish();
        BitModel dZero = BitModel.Initial, dSign = BitModel.Initial;
        var dLength = new BitModel[maxBits];
        var dMantissa = new BitModel[2 * maxBits];
        BitModel.Reset(dLength);
        BitModel.Reset(dMantissa);
        var decoder = new RangeDecoder(output.WrittenSpan);
        foreach (int v in values)
        {
            Assert.Equal(v, BinarizedValue.CodeSigned(ref decoder, ref dZero, ref dSign, dLength, dMantissa, maxBits, 12345));
        }

        // Zero costs exactly the zero flag: its count equals the number of values, the sign's the non-zero ones.
        Assert.Equal(Math.Min(values.Length, BitModel.CountLimit), dZero.Count);
        Assert.Equal(Math.Min(values.Count(v => v != 0), BitModel.CountLimit), dSign.Count);
    }

    /// <summary>Tree codes use nodes 1 … 2^bits − 1 (node 0 never), one decision per bit, MSB first.</summary>
    [Fact]
    public void TreeValuesRoundTripThroughNodesOneToTwoToTheBitsMinusOne()
    {
        const int bits = 6;
        var tree = new BitModel[64];
        BitModel.Reset(tree);
        using var output = new PooledBufferWriter(64);
        var encoder = new RangeEncoder(output);
        for (int v = 0; v < 64; v++)
        {
            Assert.Equal(v, BinarizedValue.CodeTree(ref encoder, tree, bits, v));
        }

        encoder.Finish();
        var decoded = new BitModel[64];
        BitModel.Reset(decoded);
        var decoder = new RangeDecoder(output.WrittenSpan);
        for (int v = 0; v < 64; v++)
        {
            Assert.Equal(v, BinarizedValue.CodeTree(ref decoder, decoded, bits, 0));
        }

        Assert.Equal(0, decoded[0].Count);
        Assert.All(decoded[1..], m => Assert.NotEqual(0, m.Count));

        // The root saw every value; node 2 + b saw those whose top bit is b (32 each, below the count limit).
        Assert.Equal(32, decoded[2].Count);
        Assert.Equal(32, decoded[3].Count);
    }
}
