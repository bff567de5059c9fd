using System.Runtime.Intrinsics;
using RegionCodec.Reconstruction;

namespace RegionCodec.Tests.Transform;

public class InverseDctTests
{
    private const int Blocks = 20000;

    private delegate void IdctPath(ReadOnlySpan<short> coefficients, Span<byte> destination, int destinationStride);

    private static readonly (string Name, IdctPath Path)[] SimdPaths =
    [
        ("Vector256", InverseDct.TransformVector256),
        ("Vector128", InverseDct.TransformVector128),
        ("Dispatch", InverseDct.Transform),
    ];

    [Fact]
    public void SimdMatchesScalarRealisticBlocks()
    {
        var random = new Random(1234);
        short[] block = new short[64];
        for (int n = 0; n < Blocks; n++)
        {
            FillRealistic(random, block);
            AssertAllPathsMatchScalar(block, n);
        }
    }

    [Fact]
    public void SimdMatchesScalarFullRangeBlocks()
    {
        var random = new Random(5678);
        short[] block = new short[64];
        for (int n = 0; n < Blocks; n++)
        {
            for (int k = 0; k < 64; k++)
            {
                block[k] = (short)random.Next(short.MinValue, short.MaxValue + 1);
            }

            AssertAllPathsMatchScalar(block, n);
        }
    }

    [Fact]
    public void SimdMatchesScalarSparseBlocks()
    {
        short[] interesting = [short.MinValue, short.MinValue + 1, -1024, -1, 1, 1023, 1024, short.MaxValue];
        short[] block = new short[64];

        // Every single coefficient position with every interesting value.
        for (int k = 0; k < 64; k++)
        {
            foreach (short value in interesting)
            {
                Array.Clear(block);
                block[k] = value;
                AssertAllPathsMatchScalar(block, k);
            }
        }

        var random = new Random(91011);
        for (int n = 0; n < Blocks; n++)
        {
            Array.Clear(block);
            int count = random.Next(1, 5);
            for (int j = 0; j < count; j++)
            {
                block[random.Next(64)] = random.Next(2) == 0
                    ? interesting[random.Next(interesting.Length)]
                    : (short)random.Next(short.MinValue, short.MaxValue + 1);
            }

            AssertAllPathsMatchScalar(block, n);
        }
    }

    [Fact]
    public void SimdMatchesScalarExtremePatterns()
    {
        short[] block = new short[64];
        foreach (short a in new short[] { short.MinValue, short.MaxValue, 0 })
        {
            foreach (short b in new short[] { short.MinValue, short.MaxValue, 0 })
            {
                // Uniform, checkerboard-in-frequency and stripes: the largest wrapping sums.
                for (int k = 0; k < 64; k++)
                {
                    block[k] = ((k >> 3) + (k & 7)) % 2 == 0 ? a : b;
                }

                AssertAllPathsMatchScalar(block, 0);
                for (int k = 0; k < 64; k++)
                {
                    block[k] = (k & 7) % 2 == 0 ? a : b;
                }

                AssertAllPathsMatchScalar(block, 1);
                for (int k = 0; k < 64; k++)
                {
                    block[k] = (k >> 3) % 2 == 0 ? a : b;
                }

                AssertAllPathsMatchScalar(block, 2);
            }
        }
    }

    [Fact]
    public void FirstRowAndFirstColumnShortcutsMatchScalarAndDeclineOtherBlocks()
    {
        var random = new Random(2468);
        short[] block = new short[64];
        byte[] expected = new byte[64], actual = new byte[64];
        short[] extremes = [short.MinValue, short.MaxValue, -1, 1, 0];
        for (int n = 0; n < Blocks; n++)
        {
            // Even n: only row 0 (indices 0..7); odd n: only column 0 (indices 0, 8, .., 56); a third at the extremes.
            Array.Clear(block);
            for (int i = 0; i < 8; i++)
            {
                int k = n % 2 == 0 ? i : 8 * i;
                block[k] = n % 3 == 0 ? extremes[random.Next(extremes.Length)] : (short)random.Next(-2048, 2049);
            }

            InverseDct.TransformScalar(block, expected, 8);
            Assert.True(InverseDct.TryTransformSparse(block, actual, 8), $"block {n} has the shape");
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"block {n} differs: [{string.Join(", ", block)}]");

            // One more coefficient off row 0 and column 0 (or at (1, 1)): no shortcut, nothing written.
            block[9 + random.Next(7) + (8 * random.Next(7))] = (short)(random.Next(2) == 0 ? -1 : 1);
            actual.AsSpan().Fill(0x5A);
            Assert.False(InverseDct.TryTransformSparse(block, actual, 8), $"block {n} plus one coefficient has no shortcut");
            Assert.All(actual, b => Assert.Equal(0x5A, b));
        }
    }

    [Fact]
    public void DcOnlyBlockGivesRoundHalfUpOfDcOverEight()
    {
        // No wrap is possible for a lone DC: pass 1 gives 4d exactly, pass 2 gives floor((d + 4) / 8).
        short[] block = new short[64];
        byte[] actual = new byte[64];
        for (int d = short.MinValue; d <= short.MaxValue; d++)
        {
            block[0] = (short)d;
            byte expected = (byte)Math.Clamp(((d + 4) >> 3) + 128, 0, 255);
            InverseDct.TransformScalar(block, actual, 8);
            Assert.All(actual, b => Assert.Equal(expected, b));
            Assert.Equal(expected, InverseDct.FlatValue((short)d));
            AssertAllPathsMatchScalar(block, d);
        }
    }

    [Fact]
    public void MatchesDoublePrecisionIdctWithinOneMostlyExact()
    {
        var random = new Random(4242);
        short[] block = new short[64];
        byte[] actual = new byte[64];
        long samples = 0, offByOne = 0;
        int worst = 0;
        for (int n = 0; n < Blocks; n++)
        {
            FillRealistic(random, block);
            InverseDct.TransformScalar(block, actual, 8);
            byte[] expected = ReferenceIdct(block);
            for (int k = 0; k < 64; k++)
            {
                int error = Math.Abs(actual[k] - expected[k]);
                worst = Math.Max(worst, error);
                offByOne += error == 1 ? 1 : 0;
                samples++;
            }
        }

        // The brief asked for >= 99% within +-1 and never more than 2; the algorithm does better:
        // never more than 1, and about 98.9% exact (1.06% off by one) on this data.
        Assert.True(worst <= 1, $"worst error {worst}");
        Assert.True(offByOne <= samples / 50, $"{offByOne} of {samples} samples off by one");
    }

    [Fact]
    public void MatrixFormMatchesButterflyIncludingWraparound()
    {
        // spec/rsg.md §10.1 notes that each pass equals an integer matrix product modulo 2^32,
        // so any evaluation order is conforming. Check that claim on full-range blocks.
        var random = new Random(777);
        short[] block = new short[64];
        byte[] butterfly = new byte[64];
        for (int n = 0; n < 5000; n++)
        {
            for (int k = 0; k < 64; k++)
            {
                block[k] = (short)random.Next(short.MinValue, short.MaxValue + 1);
            }

            InverseDct.TransformScalar(block, butterfly, 8);
            Assert.Equal(MatrixFormIdct(block), butterfly);
        }
    }

    [Fact]
    public void ConformanceChecksumsMatchSpec()
    {
        // The self-check in spec/rsg.md §10.1; the values were cross-checked against an independent
        // implementation of the spec text.
        Assert.Equal(0xA0D1C16F2FBD6AA4UL, ChecksumOverGeneratedBlocks(InverseDct.TransformScalar, fullRange: true));
        Assert.Equal(0xF2E262E3D4DF7CF1UL, ChecksumOverGeneratedBlocks(InverseDct.TransformScalar, fullRange: false));
        foreach ((string _, IdctPath path) in SimdPaths)
        {
            Assert.Equal(0xA0D1C16F2FBD6AA4UL, ChecksumOverGeneratedBlocks(path, fullRange: true));
            Assert.Equal(0xF2E262E3D4DF7CF1UL, ChecksumOverGeneratedBlocks(path, fullRange: false));
        }
    }

    [Fact]
    public void WritesOnlyTheBlockWithStride()
    {
        const int Stride = 13;
        var random = new Random(99);
        short[] block = new short[64];
        FillRealistic(random, block);
        byte[] expected = new byte[64];
        InverseDct.TransformScalar(block, expected, 8);

        foreach ((string name, IdctPath path) in SimdPaths.Prepend(("Scalar", InverseDct.TransformScalar)))
        {
            byte[] destination = new byte[(7 * Stride) + 8 + 5];
            Array.Fill(destination, (byte)0xA5);
            path(block, destination, Stride);
            for (int i = 0; i < destination.Length; i++)
            {
                int row = i / Stride, column = i % Stride;
                byte want = row < 8 && column < 8 ? expected[(row * 8) + column] : (byte)0xA5;
                Assert.True(want == destination[i], $"{name}: byte {i}");
            }
        }
    }

    [Fact]
    public void DoesNotAllocate()
    {
        short[] block = new short[64];
        byte[] destination = new byte[64];
        foreach ((string name, IdctPath path) in SimdPaths.Prepend(("Scalar", InverseDct.TransformScalar)))
        {
            path(block, destination, 8);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                path(block, destination, 8);
            }

            Assert.True(before == GC.GetAllocatedBytesForCurrentThread(), $"{name} allocated");
        }
    }

    [Fact]
    public void RejectsBadArguments()
    {
        short[] block = new short[64];
        foreach ((string _, IdctPath path) in SimdPaths.Prepend(("Scalar", InverseDct.TransformScalar)))
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => path(new short[63], new byte[64], 8));
            Assert.Throws<ArgumentOutOfRangeException>(() => path(block, new byte[64], 7));
            Assert.Throws<ArgumentException>(() => path(block, new byte[63], 8));
            Assert.Throws<ArgumentException>(() => path(block, new byte[64], 9));
            Assert.Throws<ArgumentException>(() => path(block, new byte[64], int.MaxValue));
        }
    }

    [Fact]
    public void TransposesMatchReference()
    {
        int[] m = Enumerable.Range(0, 64).Select(i => (i * 7919) - 100000).ToArray();
        var r = new Vector256<int>[8];
        for (int i = 0; i < 8; i++)
        {
            r[i] = Vector256.Create(m.AsSpan(i * 8, 8));
        }

        InverseDct.Transpose8x8Portable(ref r[0], ref r[1], ref r[2], ref r[3], ref r[4], ref r[5], ref r[6], ref r[7]);
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(m[(j * 8) + i], r[i][j]);
            }
        }

        Vector128<int> a = Vector128.Create(0, 1, 2, 3), b = Vector128.Create(4, 5, 6, 7);
        Vector128<int> c = Vector128.Create(8, 9, 10, 11), d = Vector128.Create(12, 13, 14, 15);
        InverseDct.Transpose4x4(ref a, ref b, ref c, ref d);
        Assert.Equal(Vector128.Create(0, 4, 8, 12), a);
        Assert.Equal(Vector128.Create(1, 5, 9, 13), b);
        Assert.Equal(Vector128.Create(2, 6, 10, 14), c);
        Assert.Equal(Vector128.Create(3, 7, 11, 15), d);
    }

    private static void AssertAllPathsMatchScalar(short[] block, int index)
    {
        Span<byte> expected = stackalloc byte[64];
        Span<byte> actual = stackalloc byte[64];
        InverseDct.TransformScalar(block, expected, 8);
        foreach ((string name, IdctPath path) in SimdPaths)
        {
            path(block, actual, 8);
            if (!actual.SequenceEqual(expected))
            {
                Assert.Fail($"{name} differs from scalar on block {index}: [{string.Join(", ", block)}]");
            }
        }
    }

    /// <summary>Dequantized-looking coefficients: wide DC, AC shrinking with frequency, many zeros.</summary>
    private static void FillRealistic(Random random, short[] block)
    {
        block[0] = (short)random.Next(-1024, 1024);
        for (int k = 1; k < 64; k++)
        {
            int frequency = (k >> 3) + (k & 7);
            int limit = 1024 / frequency;
            block[k] = random.NextDouble() < 0.8 / frequency ? (short)random.Next(-limit, limit + 1) : (short)0;
        }
    }

    /// <summary>C(k) cos((2n+1)kπ/16) at [n*8 + k], in double precision.</summary>
    private static readonly double[] ScaledCosines = Enumerable.Range(0, 64)
        .Select(i => (i % 8 == 0 ? Math.Sqrt(0.5) : 1) * Math.Cos(((2 * (i / 8)) + 1) * (i % 8) * Math.PI / 16))
        .ToArray();

    /// <summary>The T.81 definition in double precision, rounded to nearest, level-shifted and clamped.</summary>
    private static byte[] ReferenceIdct(short[] block)
    {
        var result = new byte[64];
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                double sum = 0;
                for (int v = 0; v < 8; v++)
                {
                    for (int u = 0; u < 8; u++)
                    {
                        sum += block[(v * 8) + u] * ScaledCosines[(x * 8) + u] * ScaledCosines[(y * 8) + v];
                    }
                }

                result[(y * 8) + x] = (byte)Math.Clamp(Math.Round(sum / 4) + 128, 0, 255);
            }
        }

        return result;
    }

    /// <summary>The informative matrix form from spec/rsg.md §10.1: o[n] = Σ_k M[n][k]·i[k] mod 2^32.</summary>
    private static byte[] MatrixFormIdct(short[] block)
    {
        int[] matrix =
        [
            8192, 11363, 10703, 9633, 8192, 6437, 4433, 2260,
            8192, 9633, 4433, -2259, -8192, -11362, -10704, -6436,
            8192, 6437, -4433, -11362, -8192, 2261, 10704, 9633,
            8192, 2260, -10703, -6436, 8192, 9633, -4433, -11363,
            8192, -2260, -10703, 6436, 8192, -9633, -4433, 11363,
            8192, -6437, -4433, 11362, -8192, -2261, 10704, -9633,
            8192, -9633, 4433, 2259, -8192, 11362, -10704, 6436,
            8192, -11363, 10703, -9633, 8192, -6437, 4433, -2260,
        ];

        var workspace = new int[64];
        for (int u = 0; u < 8; u++)
        {
            for (int y = 0; y < 8; y++)
            {
                int sum = 0;
                for (int v = 0; v < 8; v++)
                {
                    sum = unchecked(sum + (matrix[(y * 8) + v] * block[(v * 8) + u]));
                }

                workspace[(y * 8) + u] = unchecked(sum + (1 << 10)) >> 11;
            }
        }

        var result = new byte[64];
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                int sum = 0;
                for (int u = 0; u < 8; u++)
                {
                    sum = unchecked(sum + (matrix[(x * 8) + u] * workspace[(y * 8) + u]));
                }

                result[(y * 8) + x] = (byte)Math.Clamp((unchecked(sum + (1 << 17)) >> 18) + 128, 0, 255);
            }
        }

        return result;
    }

    /// <summary>
    /// The spec's self-check: 4096 blocks from SplitMix64 (seed 0), one output per coefficient,
    /// low 16 bits as a signed value (full range) or low 11 bits minus 1024; FNV-1a 64 over all samples.
    /// </summary>
    private static ulong ChecksumOverGeneratedBlocks(IdctPath path, bool fullRange)
    {
        ulong state = 0;
        ulong hash = 0xCBF29CE484222325UL;
        short[] block = new short[64];
        byte[] output = new byte[64];
        for (int n = 0; n < 4096; n++)
        {
            for (int k = 0; k < 64; k++)
            {
                state += 0x9E3779B97F4A7C15UL;
                ulong z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                block[k] = fullRange ? unchecked((short)(ushort)z) : (short)((int)(z & 0x7FF) - 1024);
            }

            path(block, output, 8);
            foreach (byte b in output)
            {
                hash = (hash ^ b) * 0x100000001B3UL;
            }
        }

        return hash;
    }
}
