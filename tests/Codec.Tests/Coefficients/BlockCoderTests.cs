using RegionCodec.Coefficients;
using RegionCodec.Entropy;
using RegionCodec.Memory;
using RegionCodec.Quantization;
using RegionCodec.Tests.Entropy;

namespace RegionCodec.Tests.Coefficients;

/// <summary>Coefficient block coding (spec/rsg.md §8) through the shared <see cref="BlockCoder"/>, both directions.</summary>
public sealed class BlockCoderTests
{
    private static ushort[] Quant(int quality)
    {
        ushort[] table = new ushort[64];
        QuantizationTables.Build(quality, chroma: false, RsgQuantizationTables.JpegAnnexK, table);
        return table;
    }

    private static (string, BitModel[])[] Named(CoefficientContexts c) =>
    [
        ("DcZero", c.DcZero), ("DcSign", c.DcSign), ("DcLength", c.DcLength), ("DcMantissa", c.DcMantissa),
    ];

    private static (string, ushort[])[] NamedSymbols(CoefficientContexts c) =>
        [("NonZeroCount", c.NonZeroCount), ("AcToken", c.AcToken), ("AcEscape", c.AcEscape)];

    /// <summary>
    /// Codes a plane of <paramref name="blocks"/> (row-major, 64 natural-order levels each) as a strip does
    /// (§9.2): every DC in block order, then the AC data of the DCT blocks. Returns the decoder's plane.
    /// </summary>
    private static (PlaneState Decoded, int Decisions, List<string> Used) RoundTrip(short[][] blocks, int wide, ushort[] quant, bool[]? dcOnly = null)
    {
        int high = blocks.Length / wide;
        using var encoded = new PlaneState(isChroma: false);
        encoded.Prepare(wide, high, 8);
        for (int i = 0; i < blocks.Length; i++)
        {
            // A DC-only block's AC levels are 0 (§9.2); they still serve as neighbours' levels.
            blocks[i].AsSpan(0, dcOnly?[i] == true ? 1 : 64).CopyTo(encoded.Levels.AsSpan(i * 64));
        }

        using var output = new PooledBufferWriter(256);
        var encodeContexts = new CoefficientContexts();
        var encoder = TestCoder.Encoder(output, Named(encodeContexts));
        encoder.SymbolModels = NamedSymbols(encodeContexts);
        CodePlane(ref encoder, encodeContexts, encoded, quant, dcOnly);
        byte[] payload = encoder.Finish();

        var decoded = new PlaneState(isChroma: false);
        decoded.Prepare(wide, high, 8);
        var decodeContexts = new CoefficientContexts();
        var decoder = TestCoder.Decoder(payload, Named(decodeContexts));
        decoder.SymbolModels = NamedSymbols(decodeContexts);
        CodePlane(ref decoder, decodeContexts, decoded, quant, dcOnly);

        Assert.Equal(encoder.Decisions, decoder.Decisions);
        Assert.Equal(encoder.Used, decoder.Used);
        Assert.Equal(encoded.Levels.AsSpan(0, blocks.Length * 64).ToArray(), decoded.Levels.AsSpan(0, blocks.Length * 64).ToArray());
        Assert.Equal(encoded.NonZero.AsSpan(0, blocks.Length).ToArray(), decoded.NonZero.AsSpan(0, blocks.Length).ToArray());
        Assert.Equal(encoded.DcValue.AsSpan(0, blocks.Length).ToArray(), decoded.DcValue.AsSpan(0, blocks.Length).ToArray());
        return (decoded, decoder.Decisions, decoder.Used);
    }

    private static void CodePlane(ref TestCoder coder, CoefficientContexts contexts, PlaneState plane, ushort[] quant, bool[]? dcOnly)
    {
        for (int by = 0; by < plane.BlocksHigh; by++)
        {
            for (int bx = 0; bx < plane.BlocksWide; bx++)
            {
                Assert.True(BlockCoder.CodeDc(ref coder, contexts, plane, bx, by, quant));
            }
        }

        for (int by = 0; by < plane.BlocksHigh; by++)
        {
            for (int bx = 0; bx < plane.BlocksWide; bx++)
            {
                if (dcOnly is null || !dcOnly[(by * plane.BlocksWide) + bx])
                {
                    BlockCoder.CodeAc(ref coder, contexts, plane, bx, by);
                }
            }
        }
    }

    private static short[] Block(params (int Index, short Level)[] levels)
    {
        short[] block = new short[64];
        foreach ((int index, short level) in levels)
        {
            block[index] = level;
        }

        return block;
    }

    [Fact]
    public void HandMadeBlocksRoundTrip()
    {
        short[][] blocks =
        [
            Block((0, -81)),
            Block((0, 12), (1, 3), (8, -2), (9, 1)),
            Block((0, 12), (1, 3), (8, -2), (63, -1)),
            Block((0, 32767), (1, -32767), (2, 32767)),
            Block((0, -32767), (1, 18), (8, -19), (16, 20), (9, -34), (2, 35), (3, 1000), (10, -16402), (17, 5), (24, -6), (32, 7), (25, 10), (18, -11)),
            Block(),
        ];
        RoundTrip(blocks, wide: 3, Quant(75));
        RoundTrip(blocks, wide: 2, Quant(10));
        RoundTrip(blocks, wide: 1, Quant(100), dcOnly: [false, true, false, true, false, true]);
    }

    [Theory]
    [InlineData(1, 4, 3, 75)]
    [InlineData(2, 7, 2, 30)]
    [InlineData(3, 1, 5, 95)]
    public void RandomBlocksRoundTrip(int seed, int wide, int high, int quality)
    {
        // Typical DCT statistics: a smooth DC, levels that shrink with frequency, most high ones zero.
        var random = new Random(seed);
        short[][] blocks = new short[wide * high][];
        short dc = 0;
        ReadOnlySpan<byte> zigZag = ZigZag.ToNatural;
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = new short[64];
            dc = (short)Math.Clamp(dc + random.Next(-40, 41), -2000, 2000);
            blocks[i][0] = dc;
            int reach = random.Next(64);
            for (int k = 1; k < reach; k++)
            {
                if (random.Next(k + 2) < 3)
                {
                    int magnitude = 1 + random.Next(Math.Max(1, 200 / k));
                    blocks[i][zigZag[k]] = (short)(random.Next(2) == 0 ? magnitude : -magnitude);
                }
            }
        }

        RoundTrip(blocks, wide, Quant(quality));
    }

    /// <summary>
    /// An all-zero block with no neighbours codes in the short form: the DC residual's zero flag (the
    /// prediction is 0) and the non-zero count symbol (class 0) in bucket 10; no AC token.
    /// </summary>
    [Fact]
    public void ZeroBlockCodesAsTheShortForm()
    {
        (PlaneState decoded, int decisions, List<string> used) = RoundTrip([Block()], wide: 1, Quant(75));
        Assert.Equal(1 + 1, decisions);
        Assert.Equal(["DcZero", "NonZeroCount"], used);
        Assert.Equal(0, decoded.NonZero[0]);
        decoded.Dispose();
    }

    /// <summary>§8.3: a block whose DC equals its prediction (here the left neighbour's) costs one DC decision.</summary>
    [Fact]
    public void DcEqualToThePredictionCostsOneDecision()
    {
        (_, int one, _) = RoundTrip([Block((0, 50))], wide: 1, Quant(75), dcOnly: [true]);
        (_, int two, List<string> used) = RoundTrip([Block((0, 50)), Block((0, 50))], wide: 2, Quant(75), dcOnly: [true, true]);
        Assert.Equal(1, two - one);
        Assert.Equal("DcZero", used[^1]);
    }

    /// <summary>
    /// §8.5: one token per scan position up to the last non-zero level and none after it; each non-zero level
    /// adds one bypass step (its sign and any extra magnitude bits), an escape also its length symbol and tail.
    /// </summary>
    [Fact]
    public void TokensStopAtTheLastNonZeroLevel()
    {
        ReadOnlySpan<byte> zigZag = ZigZag.ToNatural;
        (PlaneState decoded, _, List<string> used) = RoundTrip([Block((zigZag[3], 2), (zigZag[10], -1))], wide: 1, Quant(75));
        Assert.Equal(2, decoded.NonZero[0]);
        Assert.Equal(10, used.Count(u => u == "AcToken"));
        Assert.Equal(2, used.Count(u => u == "Bypass"));
        decoded.Dispose();

        (decoded, _, used) = RoundTrip([Block((zigZag[1], 19), (zigZag[2], 20))], wide: 1, Quant(75));
        Assert.Equal(2, used.Count(u => u == "AcToken"));
        Assert.Equal(2, used.Count(u => u == "AcEscape"));

        // Two signs, and the tail of 20 (excess 1: 1 + 1 = 2 has length 2, one bit below its leading one); 19 has none.
        Assert.Equal(3, used.Count(u => u == "Bypass"));
        decoded.Dispose();
    }

    /// <summary>§8.5: a full block codes a token at every scan position, including the forced ones.</summary>
    [Fact]
    public void FullBlockCodesATokenAtEveryPosition()
    {
        short[] full = new short[64];
        for (int i = 0; i < 64; i++)
        {
            full[i] = (short)((i % 3) - 1 == 0 ? 2 : (i % 3) - 1);
        }

        (PlaneState decoded, _, List<string> used) = RoundTrip([full], wide: 1, Quant(75));
        Assert.Equal(63, decoded.NonZero[0]);
        Assert.Equal(63, used.Count(u => u == "AcToken"));
        Assert.Equal(63 + 1, used.Count(u => u == "Bypass"));    // 63 signs and the count's offset in its class 50–63
        decoded.Dispose();
    }

    /// <summary>
    /// Random payloads decode (§8.4, §8.5) to counts ≤ 63 matching the non-zero levels and magnitudes ≤ 32767, whatever
    /// tokens, forced zeros, count offsets past 63 or escape lengths they produce; the DC check (R12) may stop a plane early.
    /// </summary>
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    public void RandomPayloadsDecodeToValidLevels(int seed)
    {
        var random = new Random(seed);
        byte[] payload = new byte[20000];
        random.NextBytes(payload);
        var decoder = new RangeDecoder(payload);
        var contexts = new CoefficientContexts();
        using var plane = new PlaneState(isChroma: false);
        plane.Prepare(16, 8, 8);
        ushort[] quant = Quant(90);
        for (int by = 0; by < 8; by++)
        {
            for (int bx = 0; bx < 16; bx++)
            {
                if (!BlockCoder.CodeDc(ref decoder, contexts, plane, bx, by, quant))
                {
                    return;
                }

                BlockCoder.CodeAc(ref decoder, contexts, plane, bx, by);
                int index = (by * 16) + bx;
                ReadOnlySpan<short> levels = plane.Levels.AsSpan(index * 64, 64);
                int nonZero = 0;
                for (int i = 1; i < 64; i++)
                {
                    nonZero += levels[i] != 0 ? 1 : 0;
                    Assert.InRange(levels[i], -BlockCoder.MaxLevel, BlockCoder.MaxLevel);
                }

                Assert.Equal(plane.NonZero[index], nonZero);
            }
        }
    }

    /// <summary>
    /// <see cref="BlockCoder.DecodeAc"/> reads a missing left or upper frequency neighbour from a fixed slot instead of
    /// branching: column 0's pos − 1 and row 0's (pos − 8) &amp; 63. Those slots must come later in the zig-zag scan
    /// (still zero when the position is decoded), and the other positions' neighbours earlier.
    /// </summary>
    [Fact]
    public void BranchFreeNeighbourSlotsAreStillZeroWhenRead()
    {
        ReadOnlySpan<byte> toNatural = ZigZag.ToNatural;
        int[] scanIndex = new int[64];
        for (int k = 0; k < 64; k++)
        {
            scanIndex[toNatural[k]] = k;
        }

        for (int k = 1; k < 64; k++)
        {
            int pos = toNatural[k];
            int left = pos - 1, up = (pos - 8) & 63;
            Assert.True((pos & 7) == 0 ? scanIndex[left] > k : scanIndex[left] < k, $"left of position {pos}");
            Assert.True(pos < 8 ? scanIndex[up] > k : scanIndex[up] < k, $"above position {pos}");
        }
    }

    /// <summary>
    /// The decoder's register-state fast path (<see cref="BlockCoder.DecodeAc"/>) decodes random payloads to the same
    /// levels, counts and coder positions as the generic <see cref="BlockCoder.CodeAc{T}"/>, escapes and forced non-zeros included.
    /// </summary>
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void FastAcDecoderMatchesTheGenericCoder(int seed)
    {
        var random = new Random(seed);
        byte[] payload = new byte[40000];
        random.NextBytes(payload);
        var generic = new RangeDecoder(payload);
        var fast = new RangeDecoder(payload);
        CoefficientContexts genericContexts = new(), fastContexts = new();
        using var genericPlane = new PlaneState(isChroma: false);
        using var fastPlane = new PlaneState(isChroma: false);
        genericPlane.Prepare(16, 8, 8);
        fastPlane.Prepare(16, 8, 8);
        ushort[] quant = Quant(90);
        int blocks = 0;
        bool stopped = false;
        for (int by = 0; by < 8 && !stopped; by++)
        {
            for (int bx = 0; bx < 16; bx++)
            {
                bool genericDc = BlockCoder.CodeDc(ref generic, genericContexts, genericPlane, bx, by, quant);
                Assert.Equal(genericDc, BlockCoder.CodeDc(ref fast, fastContexts, fastPlane, bx, by, quant));
                if (!genericDc)
                {
                    stopped = true;         // R12 ends the plane; compare what both decoded so far
                    break;
                }

                BlockCoder.CodeAc(ref generic, genericContexts, genericPlane, bx, by);
                BlockCoder.DecodeAc(ref fast, fastContexts, fastPlane, bx, by);
                Assert.Equal(generic.Position, fast.Position);
                Assert.Equal(generic.Range, fast.Range);
                Assert.Equal(generic.CodeValue, fast.CodeValue);
                blocks++;
            }
        }

        Assert.True(blocks > 20);
        Assert.Equal(genericPlane.Levels, fastPlane.Levels);
        Assert.Equal(genericPlane.NonZero, fastPlane.NonZero);
        Assert.Equal(genericContexts.AcToken, fastContexts.AcToken);
    }

    /// <summary>§8.3: a decoded DC level must be within ±32767 (R12); ±32767 itself is valid, −32768 is not.</summary>
    [Theory]
    [InlineData(32767, true)]
    [InlineData(-32767, true)]
    [InlineData(32768, false)]
    [InlineData(-32768, false)]
    [InlineData(65535, false)]
    public void DecoderChecksTheDcLevelRange(int residual, bool accepted)
    {
        // A block without neighbours: prediction 0, so the DC level is the residual (§8.3, maxBits 16).
        var decoder = new ScriptedDecoder(ScriptedDecoder.Signed(residual, 16));
        using var plane = new PlaneState(isChroma: false);
        plane.Prepare(1, 1, 8);
        Assert.Equal(accepted, BlockCoder.CodeDc(ref decoder, new CoefficientContexts(), plane, 0, 0, Quant(75)));
        if (accepted)
        {
            Assert.Equal(residual, plane.Levels[0]);
            Assert.Equal(Math.Clamp(residual * Quant(75)[0], -32768, 32767), plane.DcValue[0]);
        }
    }
}
