using RegionCodec.Encoding;
using RegionCodec.Reconstruction;


namespace RegionCodec.Tests.Color;

public class YCbCrToRgbTests
{
    private delegate void ConvertPath(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb);

    private static readonly (string Name, ConvertPath Path)[] Paths =
    [
        ("Scalar", YCbCrToRgb.ConvertScalar),
        ("Avx2", YCbCrToRgb.ConvertAvx2),
        ("Vector256", YCbCrToRgb.ConvertVector256),
        ("Vector128", YCbCrToRgb.ConvertVector128),
        ("Dispatch", YCbCrToRgb.Convert),
    ];

    [Fact]
    public void AllPathsMatchFormulaForAll2To24Inputs()
    {
        const int PerLuma = 1 << 16;
        byte[] y = new byte[PerLuma], cb = new byte[PerLuma], cr = new byte[PerLuma];
        byte[] expected = new byte[3 * PerLuma], actual = new byte[3 * PerLuma];
        for (int i = 0; i < PerLuma; i++)
        {
            cb[i] = (byte)i;
            cr[i] = (byte)(i >> 8);
        }

        for (int luma = 0; luma < 256; luma++)
        {
            Array.Fill(y, (byte)luma);
            for (int i = 0; i < PerLuma; i++)
            {
                Formula(luma, cb[i], cr[i], out expected[3 * i], out expected[(3 * i) + 1], out expected[(3 * i) + 2]);
            }

            foreach ((string name, ConvertPath path) in Paths)
            {
                Array.Clear(actual);
                path(y, cb, cr, actual);
                if (!actual.AsSpan().SequenceEqual(expected))
                {
                    int i = actual.AsSpan().CommonPrefixLength(expected) / 3;
                    Assert.Fail($"{name} differs at Y={luma} Cb={cb[i]} Cr={cr[i]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(128, 128, 128, 128, 128, 128)]
    [InlineData(0, 128, 128, 0, 0, 0)]
    [InlineData(255, 128, 128, 255, 255, 255)]
    [InlineData(100, 50, 200, 201, 75, 0)] // R: 100 + 101; G: 100 + floor(-24.07); B: 100 - 138 clamps
    [InlineData(76, 85, 255, 254, 0, 0)] // pure red, rounded: R = 76 + 178; G, B clamp from -76
    [InlineData(0, 255, 0, 0, 48, 225)] // G: (-2864358 + 5990656 + 32768) >> 16 = 48; B: 14781278 >> 16 = 225
    public void HandComputedValues(int luma, int cb, int cr, int r, int g, int b)
    {
        byte[] rgb = new byte[3];
        foreach ((string name, ConvertPath path) in Paths)
        {
            path([(byte)luma], [(byte)cb], [(byte)cr], rgb);
            Assert.True(rgb.SequenceEqual(new[] { (byte)r, (byte)g, (byte)b }), $"{name}: got {rgb[0]},{rgb[1]},{rgb[2]}");
        }
    }

    [Fact]
    public void AllPathsHandleEveryLength()
    {
        var random = new Random(7);
        for (int length = 0; length <= 70; length++)
        {
            byte[] y = new byte[length], cb = new byte[length + 3], cr = new byte[length + 1];
            random.NextBytes(y);
            random.NextBytes(cb);
            random.NextBytes(cr);
            byte[] expected = new byte[(3 * length) + 2];
            YCbCrToRgb.ConvertScalar(y, cb, cr, expected);
            Assert.Equal(0, expected[^1]);
            foreach ((string name, ConvertPath path) in Paths)
            {
                byte[] actual = new byte[(3 * length) + 2];
                path(y, cb, cr, actual);
                Assert.True(expected.SequenceEqual(actual), $"{name}, length {length}");
            }
        }
    }

    [Fact]
    public void DoesNotAllocate()
    {
        byte[] plane = new byte[1000], rgb = new byte[3000];
        float[] y = new float[1000], cb = new float[1000], cr = new float[1000];
        foreach ((string name, ConvertPath path) in Paths)
        {
            path(plane, plane, plane, rgb);
            long before = GC.GetAllocatedBytesForCurrentThread();
            path(plane, plane, plane, rgb);
            Assert.True(before == GC.GetAllocatedBytesForCurrentThread(), $"{name} allocated");
        }

        RgbToYCbCr.Convert(rgb, y, cb, cr);
        long start = GC.GetAllocatedBytesForCurrentThread();
        RgbToYCbCr.Convert(rgb, y, cb, cr);
        Assert.Equal(start, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void RejectsShortSpans()
    {
        foreach ((string _, ConvertPath path) in Paths)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => path(new byte[4], new byte[3], new byte[4], new byte[12]));
            Assert.Throws<ArgumentOutOfRangeException>(() => path(new byte[4], new byte[4], new byte[3], new byte[12]));
            Assert.Throws<ArgumentException>(() => path(new byte[4], new byte[4], new byte[4], new byte[11]));
        }
    }

    [Fact]
    public void RgbToYCbCrMatchesDoubleFormulaAndVectorMatchesScalar()
    {
        var random = new Random(11);
        const int Pixels = 4099;
        byte[] rgb = new byte[3 * Pixels];
        random.NextBytes(rgb);
        float[] y = new float[Pixels], cb = new float[Pixels], cr = new float[Pixels];
        float[] ys = new float[Pixels], cbs = new float[Pixels], crs = new float[Pixels];
        RgbToYCbCr.Convert(rgb, y, cb, cr);
        RgbToYCbCr.ConvertScalar(0, rgb, ys, cbs, crs);

        // Same operations in the same order, no FMA: identical floats.
        Assert.Equal(ys, y);
        Assert.Equal(cbs, cb);
        Assert.Equal(crs, cr);
        int done = RgbToYCbCr.ConvertVector256(rgb, y, cb, cr);
        Assert.Equal(Pixels / 16 * 16, done);
        Assert.Equal(ys, y);

        for (int i = 0; i < Pixels; i++)
        {
            double r = rgb[3 * i], g = rgb[(3 * i) + 1], b = rgb[(3 * i) + 2];
            Assert.True(Math.Abs(y[i] - ((0.299 * r) + (0.587 * g) + (0.114 * b))) < 1e-3);
            Assert.True(Math.Abs(cb[i] - ((-0.168735892 * r) - (0.331264108 * g) + (0.5 * b) + 128)) < 1e-3);
            Assert.True(Math.Abs(cr[i] - ((0.5 * r) - (0.418687589 * g) - (0.081312411 * b) + 128)) < 1e-3);
        }
    }

    [Theory]
    [InlineData(255, 0, 0)]
    [InlineData(0, 255, 0)]
    [InlineData(0, 0, 255)]
    [InlineData(255, 255, 0)]
    [InlineData(0, 255, 255)]
    [InlineData(255, 0, 255)]
    [InlineData(0, 0, 0)]
    [InlineData(255, 255, 255)]
    [InlineData(128, 128, 128)]
    [InlineData(17, 200, 93)]
    public void RoundTripWithinOne(int r, int g, int b)
    {
        Span<float> y = stackalloc float[1], cb = stackalloc float[1], cr = stackalloc float[1];
        RgbToYCbCr.Convert([(byte)r, (byte)g, (byte)b], y, cb, cr);
        byte[] rgb = new byte[3];
        YCbCrToRgb.Convert([RoundToByte(y[0])], [RoundToByte(cb[0])], [RoundToByte(cr[0])], rgb);
        Assert.InRange(rgb[0], r - 1, r + 1);
        Assert.InRange(rgb[1], g - 1, g + 1);
        Assert.InRange(rgb[2], b - 1, b + 1);
    }

    [Fact]
    public void RoundTripRandomColorsWithinTwo()
    {
        // Rounding Y, Cb and Cr to bytes loses a little; saturated colours can be off by 2 in one channel.
        var random = new Random(5);
        const int Pixels = 100_000;
        byte[] rgb = new byte[3 * Pixels];
        random.NextBytes(rgb);
        float[] y = new float[Pixels], cb = new float[Pixels], cr = new float[Pixels];
        RgbToYCbCr.Convert(rgb, y, cb, cr);
        byte[] yb = y.Select(RoundToByte).ToArray(), cbb = cb.Select(RoundToByte).ToArray(), crb = cr.Select(RoundToByte).ToArray();
        byte[] back = new byte[3 * Pixels];
        YCbCrToRgb.Convert(yb, cbb, crb, back);
        int worst = 0;
        for (int i = 0; i < back.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(back[i] - rgb[i]));
        }

        Assert.True(worst <= 2, $"worst {worst}");
    }

    private static byte RoundToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0, 255);

    /// <summary>The normative formula of spec/rsg.md §10.3, written independently of the codec.</summary>
    private static void Formula(int luma, int cb, int cr, out byte r, out byte g, out byte b)
    {
        int cbd = cb - 128, crd = cr - 128;
        r = (byte)Math.Clamp(luma + (((91881 * crd) + 32768) >> 16), 0, 255);
        g = (byte)Math.Clamp(luma + (((-22554 * cbd) - (46802 * crd) + 32768) >> 16), 0, 255);
        b = (byte)Math.Clamp(luma + (((116130 * cbd) + 32768) >> 16), 0, 255);
    }
}
