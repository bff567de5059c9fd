using RegionCodec.Alpha;
using RegionCodec.Entropy;
using RegionCodec.Memory;
using RegionCodec.Tests.Entropy;

namespace RegionCodec.Tests.Alpha;

/// <summary>Alpha row coding (spec/rsg.md §9.4) through the shared <see cref="AlphaRowCoder"/>, both directions.</summary>
public sealed class AlphaRowCoderTests
{
    /// <summary>Codes the rows of one strip (the first under an all-opaque row), returning the decoded rows.</summary>
    private static (byte[][] Decoded, List<string> Used) RoundTrip(byte[][] rows)
    {
        int width = rows[0].Length;
        byte[] opaque = Enumerable.Repeat((byte)255, width).ToArray();
        using var output = new PooledBufferWriter(64);
        var encodeContexts = new AlphaContexts();
        var encoder = TestCoder.Encoder(output, Named(encodeContexts));
        int state = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.True(AlphaRowCoder.CodeRow(ref encoder, encodeContexts, r > 0 ? rows[r - 1] : opaque, rows[r], ref state));
        }

        byte[] payload = encoder.Finish();
        var decodeContexts = new AlphaContexts();
        var decoder = TestCoder.Decoder(payload, Named(decodeContexts));
        byte[][] decoded = new byte[rows.Length][];
        state = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            decoded[r] = new byte[width];
            Assert.True(AlphaRowCoder.CodeRow(ref decoder, decodeContexts, r > 0 ? decoded[r - 1] : opaque, decoded[r], ref state));
        }

        Assert.Equal(encoder.Used, decoder.Used);
        return (decoded, encoder.Used);
    }

    private static (string, BitModel[])[] Named(AlphaContexts c) =>
        [("RowSame", c.RowSame), ("Zero", c.Zero), ("Sign", c.Sign), ("Length", c.Length), ("Mantissa", c.Mantissa)];

    [Fact]
    public void OpaqueAndRepeatedRowsCostOneDecisionEach()
    {
        byte[][] rows = [[255, 255, 255, 255], [255, 255, 255, 255], [0, 10, 200, 255], [0, 10, 200, 255]];
        (byte[][] decoded, List<string> used) = RoundTrip(rows);
        Assert.Equal(rows, decoded);
        Assert.Equal(["RowSame", "RowSame", "RowSame"], used.Take(3));     // rows 0, 1 copied; row 2 coded
        Assert.Equal("RowSame", used[^1]);                                  // row 3 copied
        Assert.Equal(4, used.Count(u => u == "RowSame"));                  // one per row, none inside row 2
    }

    [Fact]
    public void SignIsImpliedAtPredictionsZeroAnd255()
    {
        // Row 0 under the opaque row: every prediction is 255 until a sample differs, so the first non-zero
        // residual (pixel 0: 255 -> 3) codes no sign. Pixel 1 then predicts 3 + 255 - 255 = 3 and needs +4: a coded sign.
        (byte[][] decoded, List<string> used) = RoundTrip([[3, 7, 7, 7]]);
        Assert.Equal([3, 7, 7, 7], decoded[0]);
        Assert.Equal("RowSame", used[0]);
        Assert.Equal("Zero", used[1]);
        Assert.Equal("Length", used[2]);                                    // pixel 0: no Sign decision
        int secondZero = used.IndexOf("Zero", 2);
        Assert.Equal("Sign", used[secondZero + 1]);                         // pixel 1: prediction 3, sign coded
    }

    [Fact]
    public void FeatheredEdgesAndGradientsRoundTripExactly()
    {
        var random = new Random(4);
        byte[][] rows = new byte[40][];
        for (int y = 0; y < rows.Length; y++)
        {
            rows[y] = new byte[97];
            for (int x = 0; x < 97; x++)
            {
                // A soft diagonal edge, a gradient band and some noise: every bucket and both signs occur.
                double edge = Math.Clamp((x - (y * 1.7) - 20) / 4.0, 0, 1);
                int value = (int)(255 * edge) + (x > 70 ? (y * 3) - x : 0) + random.Next(-2, 3);
                rows[y][x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        (byte[][] decoded, List<string> used) = RoundTrip(rows);
        Assert.Equal(rows, decoded);
        Assert.Contains("Sign", used);
        Assert.Contains("Mantissa", used);
    }

    [Fact]
    public void ADecodedSampleOutsideTheByteRangeIsRejected()
    {
        // Scripted as in the R14 conformance file: pixel 0 = 255 - 155 = 100, then pixel 1 = 100 + 200.
        var ctx = new AlphaContexts();
        using var output = new PooledBufferWriter(64);
        var coder = new RangeEncoder(output);
        coder.Code(ref ctx.RowSame[0], 0);
        coder.Code(ref ctx.Zero[0], 0);
        BinarizedValue.CodeMagnitude(ref coder, ctx.Length.AsSpan(0, 8), ctx.Mantissa.AsSpan(0, 16), 8, 155);
        coder.Code(ref ctx.Zero[(8 * 3) + 2], 0);
        coder.Code(ref ctx.Sign[(((8 * 3) + 2) * 3) + 1], 0);
        BinarizedValue.CodeMagnitude(ref coder, ctx.Length.AsSpan(17 * 8, 8), ctx.Mantissa.AsSpan(17 * 16, 16), 8, 200);
        coder.Finish();

        var decoder = new RangeDecoder(output.WrittenSpan);
        byte[] row = new byte[4];
        int state = 0;
        Assert.False(AlphaRowCoder.CodeRow(ref decoder, new AlphaContexts(), Enumerable.Repeat((byte)255, 4).ToArray(), row, ref state));
        Assert.Equal(100, row[0]);
    }
}
