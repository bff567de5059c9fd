using RegionCodec.Encoding;
using RegionCodec.Reconstruction;


namespace RegionCodec.Tests.Transform;

public class ForwardDctTests
{
    private delegate void FdctPath(ReadOnlySpan<float> samples, Span<float> coefficients);

    private static readonly (string Name, FdctPath Path)[] Paths =
    [
        ("Scalar", ForwardDct.TransformScalar),
        ("Vector256", ForwardDct.TransformVector256),
        ("Vector128", ForwardDct.TransformVector128),
        ("Dispatch", ForwardDct.Transform),
    ];

    [Fact]
    public void MatchesDoublePrecisionDefinition()
    {
        var random = new Random(2024);
        float[] samples = new float[64];
        float[] coefficients = new float[64];
        foreach ((string name, FdctPath path) in Paths)
        {
            double worst = 0;
            for (int n = 0; n < 2000; n++)
            {
                // Alternate noise with extreme flat and checkerboard blocks.
                for (int k = 0; k < 64; k++)
                {
                    samples[k] = (n % 3) switch
                    {
                        0 => random.Next(256) - 128,
                        1 => n % 2 == 0 ? 127 : -128,
                        _ => ((k >> 3) + (k & 7)) % 2 == 0 ? 127 : -128,
                    };
                }

                path(samples, coefficients);
                double[] expected = ReferenceFdct(samples);
                for (int k = 0; k < 64; k++)
                {
                    worst = Math.Max(worst, Math.Abs(coefficients[k] - expected[k]));
                }
            }

            Assert.True(worst < 1e-3, $"{name}: max error {worst}");
        }
    }

    [Fact]
    public void FlatBlockIsDcOnly()
    {
        float[] samples = Enumerable.Repeat(-50f, 64).ToArray();
        float[] coefficients = new float[64];
        foreach ((string name, FdctPath path) in Paths)
        {
            path(samples, coefficients);
            Assert.True(Math.Abs(coefficients[0] - (8 * -50f)) < 1e-3, $"{name}: DC {coefficients[0]}");
            for (int k = 1; k < 64; k++)
            {
                Assert.True(Math.Abs(coefficients[k]) < 1e-3, $"{name}: AC {k} = {coefficients[k]}");
            }
        }
    }

    [Fact]
    public void RoundTripThroughIntegerIdctWithinOne()
    {
        // Uniform noise is the worst case for rounding the coefficients to integers: very rarely
        // (about 1 sample in 10^7) the rounding alone moves a sample by 2, even through an exact
        // IDCT. Such samples are accepted only when the exact IDCT of the same rounded coefficients
        // is also off by 2, so the integer IDCT itself never adds to the error.
        var random = new Random(31337);
        byte[] original = new byte[64];
        short[] rounded = new short[64];
        byte[] reconstructed = new byte[64];
        int offByTwo = 0;
        for (int n = 0; n < 20000; n++)
        {
            random.NextBytes(original);
            RoundTrip(original, rounded, reconstructed);
            for (int k = 0; k < 64; k++)
            {
                int error = Math.Abs(original[k] - reconstructed[k]);
                if (error > 1)
                {
                    Assert.Equal(2, error);
                    Assert.Equal(2, Math.Abs(original[k] - ExactIdctSample(rounded, k)));
                    offByTwo++;
                }
            }
        }

        Assert.True(offByTwo <= 2, $"{offByTwo} samples off by 2");
    }

    [Fact]
    public void RoundTripThroughIntegerIdctSmoothBlocksWithinOne()
    {
        var random = new Random(4711);
        byte[] original = new byte[64];
        short[] rounded = new short[64];
        byte[] reconstructed = new byte[64];
        for (int n = 0; n < 20000; n++)
        {
            // Gradients plus mild noise, like natural image content.
            double baseValue = random.Next(256), dx = (random.NextDouble() - 0.5) * 40, dy = (random.NextDouble() - 0.5) * 40;
            for (int k = 0; k < 64; k++)
            {
                double value = baseValue + (dx * ((k & 7) - 3.5)) + (dy * ((k >> 3) - 3.5)) + random.Next(-8, 9);
                original[k] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }

            RoundTrip(original, rounded, reconstructed);
            for (int k = 0; k < 64; k++)
            {
                Assert.InRange(reconstructed[k] - original[k], -1, 1);
            }
        }
    }

    [Fact]
    public void RejectsShortSpans()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ForwardDct.Transform(new float[63], new float[64]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForwardDct.Transform(new float[64], new float[63]));
    }

    /// <summary>8-bit samples -> FDCT -> coefficients rounded to integers (no quantization) -> IDCT.</summary>
    private static void RoundTrip(byte[] original, short[] rounded, byte[] reconstructed)
    {
        Span<float> samples = stackalloc float[64];
        Span<float> coefficients = stackalloc float[64];
        for (int k = 0; k < 64; k++)
        {
            samples[k] = original[k] - 128;
        }

        ForwardDct.Transform(samples, coefficients);
        for (int k = 0; k < 64; k++)
        {
            rounded[k] = (short)MathF.Round(coefficients[k]);
        }

        InverseDct.Transform(rounded, reconstructed, 8);
    }

    /// <summary>One sample of the T.81 inverse transform in double precision, rounded and clamped.</summary>
    private static int ExactIdctSample(short[] coefficients, int index)
    {
        int x = index & 7, y = index >> 3;
        double sum = 0;
        for (int v = 0; v < 8; v++)
        {
            for (int u = 0; u < 8; u++)
            {
                double cu = u == 0 ? Math.Sqrt(0.5) : 1, cv = v == 0 ? Math.Sqrt(0.5) : 1;
                sum += cu * cv * coefficients[(v * 8) + u]
                    * Math.Cos(((2 * x) + 1) * u * Math.PI / 16) * Math.Cos(((2 * y) + 1) * v * Math.PI / 16);
            }
        }

        return (int)Math.Clamp(Math.Round(sum / 4) + 128, 0, 255);
    }

    /// <summary>C(k) cos((2n+1)kπ/16) at [n*8 + k], in double precision.</summary>
    private static readonly double[] ScaledCosines = Enumerable.Range(0, 64)
        .Select(i => (i % 8 == 0 ? Math.Sqrt(0.5) : 1) * Math.Cos(((2 * (i / 8)) + 1) * (i % 8) * Math.PI / 16))
        .ToArray();

    /// <summary>F(u,v) = 1/4 C(u) C(v) Σ_x Σ_y f(x,y) cos((2x+1)uπ/16) cos((2y+1)vπ/16), in double.</summary>
    private static double[] ReferenceFdct(float[] samples)
    {
        var result = new double[64];
        for (int v = 0; v < 8; v++)
        {
            for (int u = 0; u < 8; u++)
            {
                double sum = 0;
                for (int y = 0; y < 8; y++)
                {
                    for (int x = 0; x < 8; x++)
                    {
                        sum += samples[(y * 8) + x] * ScaledCosines[(x * 8) + u] * ScaledCosines[(y * 8) + v];
                    }
                }

                result[(v * 8) + u] = 0.25 * sum;
            }
        }

        return result;
    }
}
