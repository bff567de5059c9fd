using RegionCodec.Encoding;

namespace RegionCodec.Tests.Kernels;

/// <summary>
/// The encoder's chroma refinement: each element-wise kernel gives exactly the bits of its scalar path at
/// every length (so the encoder writes the same file on every machine), and the refinement built from them
/// computes what the plain definition does: a gradient step on ||Upsample(c) − full||², with the
/// upsampler's ¾/¼ weights and clamped edges.
/// </summary>
public sealed class ChromaRefineKernelTests
{
    public static TheoryData<string, int> PathsAndLengths()
    {
        var data = new TheoryData<string, int>();
        foreach (string path in new[] { "Vector128", "Vector256", "Dispatch" })
        {
            for (int n = 0; n <= 40; n++)
            {
                data.Add(path, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void KernelsGiveTheScalarBitsAtEveryLength(string path, int n)
    {
        var random = new Random(n);
        float[] a = Noise(random, n + 2), b = Noise(random, n + 2), c = Noise(random, n + 2), d = Noise(random, n + 2);

        float[] fast = new float[n], slow = new float[n];
        Pick(path, ChromaRefineKernels.BlendVector128, ChromaRefineKernels.BlendVector256, ChromaRefineKernels.Blend)(a, b, 0.75f, 0.25f, fast);
        ChromaRefineKernels.BlendScalar(a, b, 0.75f, 0.25f, slow);
        Assert.Equal(Bits(slow), Bits(fast));

        Pick(path, ChromaRefineKernels.BlendMinusVector128, ChromaRefineKernels.BlendMinusVector256, ChromaRefineKernels.BlendMinus)(a, b, c, 0.75f, 0.25f, fast);
        ChromaRefineKernels.BlendMinusScalar(a, b, c, 0.75f, 0.25f, slow);
        Assert.Equal(Bits(slow), Bits(fast));

        AccumulatePath accumulate = Pick<AccumulatePath>(path, ChromaRefineKernels.AccumulateVector128, ChromaRefineKernels.AccumulateVector256, ChromaRefineKernels.Accumulate);
        float[] nearFast = Noise(random, n), farFast = Noise(random, n);
        float[] nearSlow = [.. nearFast], farSlow = [.. farFast];
        accumulate(a, b, c, d, nearFast, farFast);
        ChromaRefineKernels.AccumulateScalar(a, b, c, d, nearSlow, farSlow);
        Assert.Equal(Bits(nearSlow), Bits(nearFast));
        Assert.Equal(Bits(farSlow), Bits(farFast));

        // The same row as near and far (the top and bottom chroma rows): ¾ then ¼, element by element.
        float[] sameFast = Noise(random, n);
        float[] sameSlow = [.. sameFast];
        accumulate(a, b, c, d, sameFast, sameFast);
        ChromaRefineKernels.AccumulateScalar(a, b, c, d, sameSlow, sameSlow);
        Assert.Equal(Bits(sameSlow), Bits(sameFast));

        float[] rowFast = Noise(random, n);
        float[] rowSlow = [.. rowFast];
        Pick<DescendPath>(path, ChromaRefineKernels.DescendVector128, ChromaRefineKernels.DescendVector256, ChromaRefineKernels.Descend)(rowFast, a, 0.25f);
        ChromaRefineKernels.DescendScalar(rowSlow, a, 0.25f);
        Assert.Equal(Bits(rowSlow), Bits(rowFast));
    }

    private delegate void BlendPath(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float wa, float wb, Span<float> destination);

    private delegate void BlendMinusPath(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> target, float wa, float wb, Span<float> destination);

    private delegate void AccumulatePath(ReadOnlySpan<float> centreA, ReadOnlySpan<float> centreB, ReadOnlySpan<float> right, ReadOnlySpan<float> left,
        Span<float> near, Span<float> far);

    private delegate void DescendPath(Span<float> row, ReadOnlySpan<float> gradient, float step);

    private static BlendPath Pick(string path, BlendPath v128, BlendPath v256, BlendPath dispatch) => Pick<BlendPath>(path, v128, v256, dispatch);

    private static BlendMinusPath Pick(string path, BlendMinusPath v128, BlendMinusPath v256, BlendMinusPath dispatch) => Pick<BlendMinusPath>(path, v128, v256, dispatch);

    /// <summary>The named path; each vector path is called directly, whatever the machine accelerates.</summary>
    private static T Pick<T>(string path, T v128, T v256, T dispatch) => path switch
    {
        "Vector128" => v128,
        "Vector256" => v256,
        _ => dispatch,
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    [InlineData(17, 16)]
    [InlineData(40, 9)]
    [InlineData(63, 32)]
    public void RefinementIsTheGradientStepOfTheUpsamplingError(int width, int rows)
    {
        var random = new Random((width * 100) + rows);
        int cw = (width + 1) >> 1, ch = (rows + 1) >> 1;
        int fullStride = width + 3, chromaStride = cw + 2;
        float[] full = Noise(random, fullStride * rows);
        float[] start = new float[chromaStride * ch];
        for (int i = 0; i < start.Length; i++)
        {
            start[i] = 255f * random.NextSingle();
        }

        float[] refined = [.. start];
        using (var downsampler = new ChromaDownsampler())
        {
            downsampler.Refine(full, fullStride, width, rows, refined, chromaStride);
        }

        float[] expected = ReferenceRefine(full, fullStride, width, rows, start, chromaStride);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - refined[i]) < 1e-3f, $"sample {i}: {refined[i]} against {expected[i]}");
        }
    }

    /// <summary>Two gradient steps of 0.25 on ||U(c) − full||², U the ¾/¼ bilinear upsampler with clamped edges, then a clamp to 0..255.</summary>
    private static float[] ReferenceRefine(float[] full, int fullStride, int width, int rows, float[] start, int chromaStride)
    {
        int cw = (width + 1) >> 1, ch = (rows + 1) >> 1;
        double[] c = new double[cw * ch];
        for (int y = 0; y < ch; y++)
        {
            for (int x = 0; x < cw; x++)
            {
                c[(y * cw) + x] = start[(y * chromaStride) + x];
            }
        }

        for (int iteration = 0; iteration < 2; iteration++)
        {
            double[] gradient = new double[cw * ch];
            for (int y = 0; y < rows; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    // Upsampled sample (x, y) as a weighted sum of chroma samples, and its error.
                    var taps = new List<(int Index, double Weight)>();
                    int cy = y >> 1, cx = x >> 1;
                    int oy = (y & 1) != 0 ? Math.Min(cy + 1, ch - 1) : Math.Max(cy - 1, 0);
                    int ox = (x & 1) != 0 ? Math.Min(cx + 1, cw - 1) : Math.Max(cx - 1, 0);
                    foreach ((int row, double wy) in new[] { (cy, 0.75), (oy, 0.25) })
                    {
                        foreach ((int column, double wx) in new[] { (cx, 0.75), (ox, 0.25) })
                        {
                            taps.Add(((row * cw) + column, wy * wx));
                        }
                    }

                    double error = taps.Sum(t => t.Weight * c[t.Index]) - full[(y * fullStride) + x];
                    foreach ((int index, double weight) in taps)
                    {
                        gradient[index] += weight * error;
                    }
                }
            }

            for (int i = 0; i < c.Length; i++)
            {
                c[i] -= 0.25 * gradient[i];
            }
        }

        float[] result = [.. start];
        for (int y = 0; y < ch; y++)
        {
            for (int x = 0; x < cw; x++)
            {
                result[(y * chromaStride) + x] = (float)Math.Clamp(c[(y * cw) + x], 0, 255);
            }
        }

        return result;
    }

    private static float[] Noise(Random random, int n)
    {
        float[] values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (random.NextSingle() * 300f) - 20f;
        }

        return values;
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
