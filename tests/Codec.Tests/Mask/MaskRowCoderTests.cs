using RegionCodec.Mask;
using RegionCodec.Entropy;
using RegionCodec.Memory;
using RegionCodec.Tests.Entropy;

namespace RegionCodec.Tests.Mask;

/// <summary>Mask row coding (spec/rsg.md §6.2) through the shared <see cref="MaskRowCoder"/>, both directions.</summary>
public sealed class MaskRowCoderTests
{
    /// <summary>Codes the rows of one strip (the first without a row above), returning the decoded rows.</summary>
    private static (byte[] Payload, byte[][] Decoded, int EncodeDecisions, List<string> Used) RoundTrip(byte[][] rows, int regionCount)
    {
        using var output = new PooledBufferWriter(64);
        var encodeContexts = new MaskContexts();
        var encoder = TestCoder.Encoder(output, Named(encodeContexts));
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.True(MaskRowCoder.CodeRow(ref encoder, encodeContexts, r > 0 ? rows[r - 1] : default, rows[r], regionCount));
        }

        byte[] payload = encoder.Finish();

        var decodeContexts = new MaskContexts();
        var decoder = TestCoder.Decoder(payload, Named(decodeContexts));
        byte[][] decoded = new byte[rows.Length][];
        for (int r = 0; r < rows.Length; r++)
        {
            decoded[r] = new byte[rows[r].Length];
            Assert.True(MaskRowCoder.CodeRow(ref decoder, decodeContexts, r > 0 ? decoded[r - 1] : default, decoded[r], regionCount));
        }

        Assert.Equal(encoder.Decisions, decoder.Decisions);
        Assert.Equal(encoder.Used, decoder.Used);
        return (payload, decoded, encoder.Decisions, encoder.Used);
    }

    private static (string, BitModel[])[] Named(MaskContexts c) =>
    [
        ("SameAsAbove", c.SameAsAbove), ("LabelTree", c.LabelTree), ("RunExact", c.RunExact), ("RunSign", c.RunSign),
        ("RunLength", c.RunLength), ("RunMantissa", c.RunMantissa),
    ];

    [Fact]
    public void HandMadeRowsRoundTrip()
    {
        byte[][] rows =
        [
            [0, 0, 0, 1, 1, 1, 1, 2, 2, 0],
            [0, 0, 1, 1, 1, 1, 2, 2, 2, 0], // outline moved one cell left
            [0, 0, 1, 1, 1, 1, 2, 2, 2, 0], // unchanged
            [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], // new label everywhere
            [3, 0, 3, 0, 3, 0, 3, 0, 3, 0], // one-cell runs
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        ];
        (_, byte[][] decoded, _, _) = RoundTrip(rows, regionCount: 4);
        Assert.Equal(rows, decoded);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 37, 5)]
    [InlineData(3, 300, 255)]
    [InlineData(4, 64, 2)]
    public void RandomOutlinesRoundTrip(int seed, int width, int regionCount)
    {
        // Rows that mostly repeat the one above with boundaries shifted by a cell or two, and some noise.
        var random = new Random(seed);
        byte[][] rows = new byte[24][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = new byte[width];
            for (int x = 0; x < width; x++)
            {
                rows[r][x] = r > 0 && random.Next(4) != 0
                    ? rows[r - 1][Math.Clamp(x + random.Next(-1, 2), 0, width - 1)]
                    : (byte)random.Next(regionCount);
            }
        }

        (_, byte[][] decoded, _, _) = RoundTrip(rows, regionCount);
        Assert.Equal(rows, decoded);
    }

    /// <summary>
    /// A row equal to the one above costs two decisions per run of the row above: "same as above" = 1 and
    /// "run end as predicted" = 1 (set 0), with no label tree and no run correction.
    /// </summary>
    [Fact]
    public void RowEqualToTheOneAboveCodesTwoDecisionsPerRun()
    {
        byte[] first = [1, 1, 1, 0, 0, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
        (_, _, int firstOnly, _) = RoundTrip([first], regionCount: 3);
        (_, byte[][] decoded, int both, List<string> used) = RoundTrip([first, [.. first]], regionCount: 3);

        Assert.Equal(first, decoded[1]);
        const int runs = 5;
        Assert.Equal(2 * runs, both - firstOnly);
        Assert.Equal(Enumerable.Range(0, runs).SelectMany(_ => new[] { "SameAsAbove", "RunExact" }), used[firstOnly..]);
    }

    /// <summary>A first row (no row above) of one label: the 8-bit label tree, then "run ends at the width" = 1.</summary>
    [Fact]
    public void UniformFirstRowIsATreeLabelAndAnExactEnd()
    {
        (_, _, int decisions, List<string> used) = RoundTrip([[2, 2, 2, 2, 2, 2, 2]], regionCount: 3);
        Assert.Equal(9, decisions);
        Assert.Equal([.. Enumerable.Repeat("LabelTree", 8), "RunExact"], used);
    }

    /// <summary>§6.2: a decoded label not below region_count is an error (R11), found before the run end.</summary>
    [Fact]
    public void DecoderRejectsALabelNotBelowTheRegionCount()
    {
        (byte[] payload, _, _, _) = RoundTrip([[0, 0, 5, 5]], regionCount: 6);

        var contexts = new MaskContexts();
        var decoder = TestCoder.Decoder(payload);
        byte[] row = [9, 9, 9, 9];
        Assert.False(MaskRowCoder.CodeRow(ref decoder, contexts, default, row, regionCount: 5));

        // The first run (label 0) was accepted and written; the run of label 5 was not.
        Assert.Equal([0, 0, 9, 9], row);

        // Run 1: tree (8), end 2 = width 4 − 2: zero flag, sign, length 1 then 0, one mantissa bit (5).
        // Run 2: tree (8), then the label check stops before its end is read.
        Assert.Equal(8 + 5 + 8, decoder.Decisions);
    }

    /// <summary>§6.2: a run end outside x + 1 … MaskWidth is an error (R11).</summary>
    [Theory]
    [InlineData(1)]  // end 5 > width 4
    [InlineData(-4)] // end 0 ≤ x = 0
    public void DecoderRejectsARunEndOutsideTheRow(int delta)
    {
        int[] script = [.. ScriptedDecoder.Tree(0, 8), .. ScriptedDecoder.Signed(delta, 25)];
        var decoder = new ScriptedDecoder(script);
        Assert.False(MaskRowCoder.CodeRow(ref decoder, new MaskContexts(), default, new byte[4], regionCount: 1));
        Assert.Equal(script.Length, decoder.Consumed);
    }

    /// <summary>
    /// §6.2: a decoder must accept what the reference encoder never writes: two consecutive runs of the
    /// same label, and a tree-coded label equal to the label above.
    /// </summary>
    [Fact]
    public void DecoderAcceptsRedundantRuns()
    {
        // No row above, width 4: label 1 up to 2 (delta −2 from the width), then label 1 again up to 4.
        var decoder = new ScriptedDecoder([.. ScriptedDecoder.Tree(1, 8), .. ScriptedDecoder.Signed(-2, 25), .. ScriptedDecoder.Tree(1, 8), .. ScriptedDecoder.Signed(0, 25)]);
        byte[] row = new byte[4];
        Assert.True(MaskRowCoder.CodeRow(ref decoder, new MaskContexts(), default, row, regionCount: 2));
        Assert.Equal([1, 1, 1, 1], row);
        Assert.Equal(8 + 5 + 8 + 1, decoder.Consumed);

        // Row above all 1: "not same as above", then the tree says 1 anyway; the end is predicted at the width.
        decoder = new ScriptedDecoder([0, .. ScriptedDecoder.Tree(1, 8), .. ScriptedDecoder.Signed(0, 25)]);
        byte[] below = new byte[4];
        Assert.True(MaskRowCoder.CodeRow(ref decoder, new MaskContexts(), row, below, regionCount: 2));
        Assert.Equal([1, 1, 1, 1], below);
        Assert.Equal(10, decoder.Consumed);
    }
}
