using System.Runtime.Intrinsics;
using RegionCodec.Reconstruction;

namespace RegionCodec.Tests.Transform;

/// <summary>The 16x16 inverse DCT of spec/rsg.md §10.1.7: SIMD paths against the scalar reference, the self-check, accuracy.</summary>
public class InverseDct16Tests
{
    private delegate void Idct16(ReadOnlySpan<int> coefficients, Span<byte> destination, int stride);

    [Fact]
    public void SimdPathsMatchScalarIncludingWraparound()
    {
        var random = new Random(1617);
        int[] block = new int[256];
        byte[] expected = new byte[16 * 20], actual = new byte[16 * 20];
        for (int n = 0; n < 3000; n++)
        {
            bool fullRange = n % 2 == 0;
            for (int k = 0; k < 256; k++)
            {
                block[k] = fullRange ? random.Next(short.MinValue, short.MaxValue + 1) : random.Next(-300, 301) >> (k / 32);
            }

            if (n % 3 == 1)
            {
                // Sparse like a smooth area: zero outside a rows x columns corner (the SIMD paths skip the zeros).
                int rows = random.Next(17), columns = random.Next(17);
                for (int k = 0; k < 256; k++)
                {
                    block[k] = (k >> 4) < rows && (k & 15) < columns ? block[k] : 0;
                }
            }

            InverseDct16.TransformScalar(block, expected, 20);
            foreach ((string name, Idct16 path) in SimdPaths())
            {
                Array.Fill(actual, (byte)0);
                path(block, actual, 20);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}, block {n}");
            }
        }
    }

    [Fact]
    public void SelfCheckHashesMatchSpec()
    {
        // spec/rsg.md §10.1.7; cross-checked with a separate Python transcription of the spec's pseudo-code.
        Assert.Equal(0x4648A8DA3965FE8FUL, Checksum(InverseDct16.TransformScalar, fullRange: true));
        Assert.Equal(0xDA00CBA7C3B02187UL, Checksum(InverseDct16.TransformScalar, fullRange: false));
        Assert.Equal(0x4648A8DA3965FE8FUL, Checksum(InverseDct16.Transform, fullRange: true));
    }

    [Fact]
    public void WithinOneOfTheExactTransformOnRealisticBlocks()
    {
        var random = new Random(5);
        int[] block = new int[256];
        byte[] samples = new byte[256];
        int offByOne = 0;
        for (int n = 0; n < 400; n++)
        {
            for (int k = 0; k < 256; k++)
            {
                int v = k >> 4, u = k & 15;
                block[k] = (int)(random.NextDouble() * 2000 / (1 + u + v)) - (1000 / (1 + u + v));
            }

            block[0] = random.Next(-2000, 2000);
            InverseDct16.TransformScalar(block, samples, 16);
            for (int y = 0; y < 16; y++)
            {
                for (int x = 0; x < 16; x++)
                {
                    double sum = 0;
                    for (int v = 0; v < 16; v++)
                    {
                        for (int u = 0; u < 16; u++)
                        {
                            sum += Basis(v, y) * Basis(u, x) * block[(v * 16) + u];
                        }
                    }

                    int exact = Math.Clamp((int)Math.Round(sum + 128), 0, 255);
                    int error = Math.Abs(exact - samples[(y * 16) + x]);
                    Assert.True(error <= 1, $"block {n} sample ({x}, {y}): {samples[(y * 16) + x]} against {exact}");
                    offByOne += error;
                }
            }
        }

        Assert.True(offByOne < 400 * 256 / 20, $"{offByOne} samples off by one");
    }

    [Theory]
    [InlineData(0, 128)]
    [InlineData(16, 129)]
    [InlineData(-16 * 128, 0)]
    [InlineData(16 * 127, 255)]
    public void LoneDcIsTheMeanTimesSixteen(int dc, byte sample)
    {
        int[] block = new int[256];
        block[0] = dc;
        byte[] samples = new byte[256];
        InverseDct16.Transform(block, samples, 16);
        Assert.All(samples, s => Assert.Equal(sample, s));
    }

    private static double Basis(int k, int n) => (k == 0 ? 0.25 : Math.Sqrt(2) / 4) * Math.Cos((2 * n + 1) * k * Math.PI / 32);

    private static IEnumerable<(string, Idct16)> SimdPaths()
    {
        if (Vector256.IsHardwareAccelerated)
        {
            yield return ("Vector256", InverseDct16.TransformVector256);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            yield return ("Vector128", InverseDct16.TransformVector128);
        }

        yield return ("dispatch", InverseDct16.Transform);
    }

    /// <summary>256 blocks of 256 SplitMix64 coefficients (state 0), the samples hashed with 64-bit FNV-1a.</summary>
    private static ulong Checksum(Idct16 idct, bool fullRange)
    {
        ulong state = 0, hash = 0xCBF29CE484222325;
        int[] block = new int[256];
        byte[] samples = new byte[256];
        for (int n = 0; n < 256; n++)
        {
            for (int k = 0; k < 256; k++)
            {
                state += 0x9E3779B97F4A7C15;
                ulong z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
                z ^= z >> 31;
                block[k] = fullRange ? (short)(ushort)z : (int)(z & 0x7FF) - 1024;
            }

            idct(block, samples, 16);
            foreach (byte sample in samples)
            {
                hash = (hash ^ sample) * 0x100000001B3;
            }
        }

        return hash;
    }
}
